"""The floor: the vocabulary every stage shares (data model, the entity catalogue, Dutch text and name
helpers, dates, messages, keyed hashes, redaction, errors). It imports nothing else from the project, so any stage
may import it without running against the flow (tests/test_import_direction.py checks this)."""
