"""avgscan: find pupil personal data in a school's shares and databases and check it against policy."""

__version__ = "0.1.0"
