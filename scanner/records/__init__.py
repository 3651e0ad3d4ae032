"""The school's own records: pupil register, consent records, staff allow-list."""
