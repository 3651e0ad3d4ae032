"""Give a planned document the school's own wording: its labels, titles and headings, its way of writing
a birth date ('Geb.datum: 31/01/2011'), and its word processor (.odt forms, their XML indented or not).

The templates write one default wording; a style's `Wording` maps it. Doing this in one place, after the
template, is what keeps the templates single: a second style never copies a template to change a label.
"""

from __future__ import annotations

import random
import re
from datetime import date

from scanner.demo.layout import fmt_date
from scanner.demo.model import Doc
from scanner.demo.styles import Wording

_DMY = re.compile(r"(\d{2})-(\d{2})-(\d{4})")
BIRTH = "Geboortedatum"


def restyle(doc: Doc, wording: Wording, rng: random.Random) -> None:
    """Rewrite `doc` in place; the birth-date variant is drawn per document from `rng`."""
    relabel = wording.relabel
    birth: tuple[str, str] | None = None
    for block in doc.blocks:
        if block.kind in ("title", "heading"):
            block.text = relabel.get(block.text, block.text)
        elif block.kind == "form":
            for row in block.rows:
                label, value = str(row[0]), row[1]
                m = _DMY.fullmatch(str(value)) if label == BIRTH else None
                if m:
                    if birth is None:
                        birth = rng.choice(wording.birth_labels) if len(wording.birth_labels) > 1 else \
                            wording.birth_labels[0]
                    day = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                    row[0], row[1] = birth[0], fmt_date(day, birth[1])
                else:
                    row[0] = relabel.get(label, label)
    doc.title = relabel.get(doc.title, doc.title)
    path = doc.place.path
    if (wording.form_suffix != ".docx" and path.endswith(".docx")
            and any(b.kind == "form" for b in doc.blocks)):
        doc.place.path = path[: -len(".docx")] + wording.form_suffix
    doc.xml_indented = wording.odt_indented and doc.place.path.endswith(".odt")
