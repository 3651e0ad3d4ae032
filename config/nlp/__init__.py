"""The shipped Dutch pipeline's custom parts (config/nlp/nl_school).

Importing any of them registers all of them: spaCy's entry points import `config.nlp.components` for
the tok2vec's layer, and through this package also `config.nlp.person_check`, so the pipeline loads
with plain `spacy.load` even where the installed entry points (pyproject.toml) predate the person check.
"""

from config.nlp import person_check  # noqa: F401  registers the avgscan_person_check factory
