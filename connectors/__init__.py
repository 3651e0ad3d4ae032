"""Sources (where data lives) and extractors (how to get text out of a format)."""
