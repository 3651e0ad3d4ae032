"""Dutch tokenizer special cases for titles and abbreviations in school files.

Why: spaCy's blank Dutch tokenizer splits `mw.` into `mw` + `.` and `lln.` into
`lln` + `.`; a split title looks like a sentence end to the NER and breaks
Presidio's context words. The special cases are added to the tokenizer before
training and are serialised with it, so no code from this module is needed when
the shipped pipeline is loaded.
"""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

TITLES: tuple[str, ...] = (
    "mw.", "mevr.", "mvr.", "dhr.", "hr.", "drs.", "dr.", "ir.", "ing.", "mr.",
    "prof.", "ds.", "jhr.", "bc.", "fam.", "wed.", "lln.", "ll.", "lkr.",
)
ABBREVIATIONS: tuple[str, ...] = (
    "bijv.", "bv.", "o.a.", "i.v.m.", "t.a.v.", "z.s.m.", "geb.", "m.b.t.", "d.d.",
    "i.o.m.", "n.a.v.", "m.i.v.", "a.s.", "j.l.", "jl.", "e.d.", "enz.", "etc.",
    "evt.", "incl.", "excl.", "nr.", "tel.", "o.l.v.", "i.p.v.", "t.b.v.", "m.n.",
    "o.b.v.", "i.s.m.", "ca.", "zgn.", "vlgs.", "resp.", "blz.", "pag.", "jr.",
    "sr.", "gr.", "vgl.", "z.o.z.", "p.p.", "i.o.", "m.u.v.", "v.w.b.", "n.v.t.",
    "a.u.b.", "s.v.p.", "mbv.", "ivm.", "tav.", "di.", "wo.", "do.", "vr.",
)
"""Weekday forms `ma.`, `za.` and `zo.` are left out on purpose: `zo.` and `ma.`
end ordinary sentences ("Het is zo.") and must keep their full stop."""


def casings(form: str) -> set[str]:
    """Return the lower, Capitalised and UPPER spellings of an abbreviation."""
    return {form, form[:1].upper() + form[1:], form.upper()}


def special_case_forms() -> list[str]:
    """All forms that must stay one token, sorted for a stable tokenizer file."""
    forms: set[str] = set()
    for form in (*TITLES, *ABBREVIATIONS):
        forms |= casings(form)
    return sorted(forms)


def add_special_cases(nlp: Language) -> Language:
    """Add every title/abbreviation form as a single-token special case."""
    for form in special_case_forms():
        nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    return nlp


@spacy.registry.callbacks("avgscan.add_nl_special_cases.v1")
def make_add_special_cases() -> object:
    """Config hook (`[initialize.before_init]`) used by `spacy train`."""
    return add_special_cases
