"""Whose name is it? The role a school document gives the person it names.

A name alone does not say whether it is a pupil: 'Ingediend t.a.v. J. de Boer' names a contact person
at a party, 'Aanwezig: A. van Dijk (IB)' a staff member, 'Naam vader: Jan de Boer' a parent who may
share his name with a former pupil. Linking must not turn such adults into pupils, so the text around
every PERSON finding is read once, at detection time (the result is cached with the finding):

- a label the name is the value of: a form field or table column ('Naam moeder', 'Aanwezig', 'Van'),
  or 'Naam leerling' for the document's own pupil;
- a word right before the name ('t.a.v.', 'mevrouw', 'juf', 'lln.');
- a role right after it ('(IB)', ', intern begeleider', '- moeder');
- a signature: the lines after 'Met vriendelijke groet';
- the section of a form the name is in ('Gegevens ouder/verzorger 1'), or a table row's function
  or relation cell ('vader', 'IB').

The vocabulary is data (config/lexicons/person_roles.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from config import CONFIG_DIR
from scanner.detection.paragraphs import unit_of, units_by_place
from scanner.forms import role_of as section_role
from scanner.kernel.model import Finding, TextUnit
from scanner.kernel.text import fold

ROLES_FILE = CONFIG_DIR / "lexicons" / "person_roles.yaml"
MIN_ROLE_WORD = 4  # letters of a label word that says a role by itself ('vader', 'ouder'; not 'van')
SIGNATURE_UNITS = 3  # a docx signature is one paragraph per line: name, function, school
_LABEL = re.compile(r"([^\W\d_][\w/ .'’-]{0,40}?)\s*:\s*")
_LIST_SO_FAR = re.compile(r"^\s*$|(?:,|;|/|\ben)\s*$")
_AFTER = re.compile(r"^\s*(?:\(([^()\n]{1,40})\)|[,–-]\s*([^,.;:\n()]{1,40}))")


def norm_label(label: str) -> str:
    """'Ouder/verzorger 1' -> 'ouderverzorger': labels are compared without punctuation or a number."""
    return re.sub(r"\d+$", "", re.sub(r"[^a-z0-9]", "", fold(label)))


@dataclass(frozen=True)
class RoleVocabulary:
    adult_labels: frozenset[str]
    pupil_labels: frozenset[str]
    adult_before: tuple[str, ...]
    pupil_before: tuple[str, ...]
    adult_after: tuple[str, ...]
    pupil_after: tuple[str, ...]
    signoffs: frozenset[str]

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> RoleVocabulary:
        data = yaml.safe_load(ROLES_FILE.read_text(encoding="utf-8"))

        def words(key: str) -> tuple[str, ...]:  # longest first: 'de heer' before 'heer'
            return tuple(sorted({fold(w) for w in data[key]}, key=len, reverse=True))

        return cls(adult_labels=frozenset(norm_label(w) for w in data["adult_labels"]),
                   pupil_labels=frozenset(norm_label(w) for w in data["pupil_labels"]),
                   adult_before=words("adult_before"), pupil_before=words("pupil_before"),
                   adult_after=words("adult_after"), pupil_after=words("pupil_after"),
                   signoffs=frozenset(fold(w).strip(" ,.!") for w in data["signoffs"]))

    def label_role(self, label: str) -> str | None:
        key = norm_label(label)
        if key in self.adult_labels:
            return "adult"
        if key in self.pupil_labels:
            return "pupil"
        # 'Ouder/verzorger (vader)', 'Naam moeder kind': the words decide when they agree ('van', 'aan'
        # are too short to count on their own)
        words = {norm_label(w) for w in re.split(r"[^\w]+", fold(label)) if len(w) >= MIN_ROLE_WORD}
        adult, pupil = bool(words & self.adult_labels), bool(words & self.pupil_labels)
        return "adult" if adult and not pupil else "pupil" if pupil and not adult else None

    def is_signoff(self, line: str) -> bool:
        return fold(line).strip(" ,.!") in self.signoffs


def _ends_with(text: str, cues: tuple[str, ...]) -> str | None:
    tail = fold(text[-40:]).rstrip(" :")
    for cue in cues:
        if tail.endswith(cue) and (len(tail) == len(cue) or not tail[-len(cue) - 1].isalnum()):
            return cue
    return None


def _starts_with(text: str, cues: tuple[str, ...]) -> str | None:
    head = fold(text).strip()
    for cue in cues:
        if head.startswith(cue) and (len(head) == len(cue) or not head[len(cue)].isalnum()):
            return cue
    return None


def role_of(text: str, start: int, end: int, column: str | None, vocab: RoleVocabulary,
            signature: bool) -> tuple[str | None, str | None]:
    """(role, cue) of the name at text[start:end]; (None, None) when nothing says."""
    if column:
        role = vocab.label_role(column)
        if role:
            return role, f"veld {column.strip()}"
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    labels = list(_LABEL.finditer(before))
    # the name is the label's value, or one of a list in it ('Aanwezig: A. van Dijk (IB), J. Jansen');
    # not 'Aan: de ouders van Jesse'
    if labels and _LIST_SO_FAR.search(before[labels[-1].end():]):
        role = vocab.label_role(labels[-1].group(1))
        if role:
            return role, f"veld {labels[-1].group(1).strip()}"
    for role, cues in (("adult", vocab.adult_before), ("pupil", vocab.pupil_before)):
        cue = _ends_with(before, cues)
        if cue:
            return role, cue
    after = _AFTER.match(text[end:end + 60])
    if after:
        said = after.group(1) or after.group(2) or ""
        for role, cues in (("adult", vocab.adult_after), ("pupil", vocab.pupil_after)):
            cue = _starts_with(said, cues)
            if cue:
                return role, cue
    if signature and not before.strip():
        return "adult", "ondertekening"
    return None, None


def _signature_units(units: list[TextUnit], vocab: RoleVocabulary) -> set[int]:
    """Indexes of units that hold a signature: the sign-off's own unit and the few after it."""
    marked: set[int] = set()
    for i, unit in enumerate(units):
        if any(vocab.is_signoff(line) for line in unit.text.splitlines()):
            marked.update(range(i, min(len(units), i + SIGNATURE_UNITS + 1)))
    return marked


def mark_roles(units: list[TextUnit], findings: list[Finding]) -> None:
    """Set `role` and `role_cue` on every PERSON finding the text gives a role."""
    vocab = RoleVocabulary.load()
    people = [f for f in findings if f.entity_type == "PERSON"]
    if not people:
        return
    by_place = units_by_place(units)
    signed = _signature_units(units, vocab)
    record_roles = _record_roles(units, vocab)
    for f in people:
        i = unit_of(units, by_place, f.place, f.start, f.end, f.value)
        if i is None:
            continue
        text = units[i].text
        signature = i in signed and _after_signoff(text, f.start, vocab, units, i)
        f.role, f.role_cue = role_of(text, f.start, f.end, f.column, vocab, signature)
        if f.role != "pupil" and f.record and section_role(f.record) == "adult":
            f.role, f.role_cue = "adult", f.record  # a name in the parents' section of a form
        elif f.role is None and f.record in record_roles:
            f.role, f.role_cue = record_roles[f.record]  # 'Pepijn Cuijpers | vader | -' in an MDO table


def _record_roles(units: list[TextUnit], vocab: RoleVocabulary) -> dict[str, tuple[str, str]]:
    """Rows of a table whose other cell names a function or relation ('vader', 'IB', 'leerling'): the
    row's people have that role."""
    roles: dict[str, tuple[str, str]] = {}
    for u in units:
        if u.record is None or u.column is None or u.record in roles:
            continue
        value = fold(u.text).strip(" .")
        for role, cues in (("adult", vocab.adult_after), ("pupil", vocab.pupil_after)):
            if value in cues:
                roles[u.record] = (role, f"{u.column.strip()} {u.text.strip()}")
                break
    return roles


def _after_signoff(text: str, start: int, vocab: RoleVocabulary, units: list[TextUnit], i: int) -> bool:
    """The name comes after the sign-off line: in the same unit below it, or in a following unit."""
    lines_before = text[:start].splitlines()
    if any(vocab.is_signoff(line) for line in lines_before):
        return True
    return any(any(vocab.is_signoff(line) for line in units[j].text.splitlines())
               for j in range(max(0, i - SIGNATURE_UNITS), i))
