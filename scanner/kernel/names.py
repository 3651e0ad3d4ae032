"""Written forms of a Dutch name, as school documents use them.

'Noortje van Luxemburg', 'Luxemburg, Noortje van', 'Van Luxemburg, Noortje', 'N. van Luxemburg',
'Luxemburg, N.M. (Noortje) van' (Magister's lists),
'lln. N. van Luxemburg', and the first name alone (only trusted inside a document whose subject is
already known; linking decides that).
"""

from __future__ import annotations

import re


def initials(given: str) -> list[str]:
    if re.fullmatch(r"(?:[^\W\d_]\.\s?)+", given.strip()):  # already initials ('W.R.', a Magister export)
        written = re.sub(r"\s+", "", given.strip())
        return list(dict.fromkeys([written[:2], written]))
    parts = [p for p in re.split(r"[\s-]+", given) if p]
    if not parts:
        return []
    one = f"{parts[0][0]}."
    forms = [one]
    if len(parts) > 1:
        forms.append("".join(f"{p[0]}." for p in parts))
    return forms


def full_forms(roepnaam: str, voorvoegsel: str, achternaam: str, voornamen: str = "") -> list[str]:
    """Forms that name exactly one person given first name and surname (no first-name-only form)."""
    if not achternaam:
        return []
    vv = voorvoegsel.strip()
    surname = f"{vv} {achternaam}".strip()
    forms = []
    for given in dict.fromkeys(g for g in (roepnaam, voornamen) if g):
        forms.append(f"{given} {surname}")
    if roepnaam:
        forms.append(f"{achternaam}, {roepnaam}{' ' + vv if vv else ''}")
        if vv:
            forms.append(f"{surname}, {roepnaam}")
        for ini in dict.fromkeys(initials(voornamen or roepnaam)):  # Magister: 'Boer, J.J. (Jesse) de'
            forms.append(f"{achternaam}, {ini} ({roepnaam}){' ' + vv if vv else ''}")
            if vv:
                forms.append(f"{surname}, {ini} ({roepnaam})")
    return list(dict.fromkeys(forms + short_forms(roepnaam, voorvoegsel, achternaam, voornamen)))


def short_forms(roepnaam: str, voorvoegsel: str, achternaam: str, voornamen: str = "") -> list[str]:
    """The abbreviated forms ('J. de Boer', 'Ilse G.'): many people share one, and adults are the ones
    usually written this way, so linking treats them as weak evidence."""
    if not achternaam:
        return []
    surname = f"{voorvoegsel.strip()} {achternaam}".strip()
    forms = [f"{roepnaam} {achternaam[0]}."] if roepnaam else []  # class lists: 'Ilse G.'
    for ini in dict.fromkeys(initials(voornamen or roepnaam) + initials(roepnaam)):
        forms.append(f"{ini} {surname}")
        forms.append(f"{ini}{surname}")
    return forms


PARTICLES = frozenset({"van", "de", "der", "den", "het", "ten", "ter", "te", "in", "'t", "op", "d'", "la", "le",
                       "du", "da", "del", "di", "dos", "el", "al", "bin", "von", "zu", "uit", "vd", "v.d."})


def split_name(full: str) -> tuple[str, str, str]:
    """'Anouk van den Berg' -> ('Anouk', 'van den', 'Berg'); 'Jan Willem de Boer' -> ('Jan Willem', 'de',
    'Boer'): the given names end where the first particle or the last word begins."""
    words = full.split()
    if len(words) < 2:
        return "", "", full.strip()
    first_particle = next((i for i, w in enumerate(words[1:-1], 1) if w.lower() in PARTICLES), len(words) - 1)
    return " ".join(words[:first_particle]), " ".join(words[first_particle:-1]), words[-1]
