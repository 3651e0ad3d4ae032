"""The special-category vocabulary (config/lexicons/special_categories.tsv) as data.

Each term has a lexicon group (GEZ, MED, PSY, JEUGD, ...). The group decides the reported entity
type (the entity catalogue's `lexicon_groups`, config/entities.yaml) and, through the policy, the
consent category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from config import CONFIG_DIR
from scanner.kernel.entities import catalogue

DEFAULT_LEXICON = CONFIG_DIR / "lexicons" / "special_categories.tsv"


@dataclass(frozen=True)
class Term:
    text: str
    group: str
    needs_context: bool  # a short, ambiguous abbreviation: only with a second clue nearby
    context_only: bool  # an organisation, profession or care-pathway word: a clue, never a finding

    @property
    def entity_type(self) -> str | None:
        return None if self.context_only else catalogue().group_types.get(self.group)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = DEFAULT_LEXICON) -> tuple[Term, ...]:
    with open(path, encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return tuple(Term(text=r["term"].strip(), group=r["group"].strip(),
                          needs_context=r["needs_context"].strip() == "yes",
                          context_only=r.get("kind", "data").strip() == "context")
                     for r in rows if r["term"].strip())
