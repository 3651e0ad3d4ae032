"""The people of the demo school: the organisation and its staff, the pupils and their parents.

Pupils get a status relative to the reference date (current, left less than three years ago, left
longer ago) because retention is the rule that depends on it; everything else about them (age,
school type, group, care profile) follows from their dates so documents never contradict the register.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Sequence, Set
from datetime import date, timedelta
from functools import lru_cache

from faker import Faker

from scanner.demo import names, numbers
from scanner.demo.care import make_profile
from scanner.demo.model import Organisation, Parent, Pupil, School, Staff

STREETS = ("Bachstraat", "Chopinstraat", "Vivaldiweg", "Ravelstraat", "Schubertsingel", "Cinemadreef",
           "Greta Garbohof", "Deventerstraat", "Leeuwardenstraat", "Rozemarijnstraat", "Tijmweg",
           "Basilicumstraat", "Tangostraat", "Walsweg", "Vondelstraat", "Multatulilaan", "Gruttopad",
           "Havenkade", "Marktmeesterweg", "Ketelmeerstraat", "Veluwemeerpad", "Beatrixpark", "Kasteeldreef",
           "Waterlelieweg", "Lupinestraat", "Zonnebloemstraat", "Sterrenkijkerpad")
MAIL_DOMAINS = ("gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "live.nl", "kpnmail.nl", "icloud.com")
_ASCII = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss"})


def ascii_mail_part(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in plain if c.isascii() and (c.isalnum() or c in ".-")).lower()


@lru_cache(maxsize=1)
def organisation() -> Organisation:
    """Fixed: the school's own addresses and numbers are decoys, so they never vary with the seed."""
    return Organisation(
        name="Stichting Flevo Speciaal",
        kvk="61837420",
        schools=(
            School("De Kompasroos", "SO", "27KR", "Kemphaanpad 4", "1358 AC", "Almere", "036-540 12 30",
                   "flevospeciaal.nl"),
            School("Het Baken", "VSO", "27BK", "Baljuwstraat 139", "1339 DM", "Almere", "036-530 88 10",
                   "flevospeciaal.nl"),
        ),
    )


def make_staff(rng: random.Random, fake: Faker, org: Organisation) -> list[Staff]:
    so, vso = org.schools
    roles = [("directeur-bestuurder", ""), ("intern begeleider", so.name), ("intern begeleider", vso.name),
             ("orthopedagoog", ""), ("schoolmaatschappelijk werker", ""), ("administratief medewerker", ""),
             ("leerkracht", so.name), ("leerkracht", so.name), ("leerkracht", so.name),
             ("mentor", vso.name), ("mentor", vso.name), ("mentor", vso.name), ("conciërge", ""),
             ("logopedist", so.name)]
    staff: list[Staff] = []
    seen: set[str] = set()
    for function, school in roles:
        while True:
            origin = "nl" if rng.random() < 0.8 else rng.choice(("tr", "ma", "sr"))
            sex = "V" if rng.random() < 0.7 else "M"
            first = names.adult_first_name(rng, fake, origin, sex)
            if origin == "nl":
                prefix, surname = names.dutch_surname(fake)
            else:
                prefix, surname = "", rng.choice(names.GROUPS[origin][2])
            key = f"{first} {prefix} {surname}"
            if key not in seen and surname not in {s.achternaam for s in staff}:
                seen.add(key)
                break
        person = Staff(first, prefix, surname, function=function, school=school)
        person.email = f"{first[0].lower()}.{ascii_mail_part(prefix + surname)}@{so.domain}"
        person.phone = numbers.mobile(rng, style=0)
        staff.append(person)
    return staff


def age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def group_on(pupil: Pupil, day: date) -> str:
    """The group a pupil is in on a day, from the age at the start of that school year (SO below 12)."""
    age = age_on(pupil.geboortedatum, date(day.year if day.month >= 8 else day.year - 1, 10, 1))
    if age < 12:
        return f"groep {max(1, age - 3)}"
    if pupil.school is not None and pupil.school.kind == "SO":
        return "groep 8"
    return f"VSO {min(6, age - 11)}"


def school_on(pupil: Pupil, day: date) -> School:
    """The school a pupil attended on a day: pupils who came up from the foundation's SO were there first."""
    so, vso = (pupil.organisation or organisation()).schools
    return so if group_on(pupil, day).startswith("groep") else vso


def _years(days: float) -> timedelta:
    return timedelta(days=round(days * 365.25))


def _status_list(rng: random.Random, n: int) -> list[str]:
    expired = max(6, round(n * 0.12))
    left = max(4, round(n * 0.08))
    statuses = ["expired"] * expired + ["left"] * left + ["current"] * (n - expired - left)
    rng.shuffle(statuses)
    return statuses


def make_pupils(rng: random.Random, fake: Faker, n: int, as_of: date, org: Organisation,
                reserved: set[str], origins: dict[str, int] | None = None,
                towns: Sequence[tuple[str, tuple[int, int], tuple[str, ...]]] = ()) -> list[Pupil]:
    """`n` pupils with unique names, valid BSNs (a few newcomers with an onderwijsnummer only) and parents.

    `origins` weighs the name groups and `towns` are (place, postcode range, streets) where pupils live;
    the defaults are Almere's."""
    so, vso = org.schools
    pupils: list[Pupil] = []
    used_names = set(reserved)
    pupil_names: set[str] = set()
    parent_names: set[str] = set()  # a pupil named like another pupil's parent: who is meant is undecidable
    nummer = 20100
    statuses = _status_list(rng, n)
    first_expired = statuses.index("expired")
    for i, status in enumerate(statuses):
        sex = "M" if rng.random() < 0.64 else "V"
        origin = names.pick_origin(rng, origins)
        if names.used_up(origin, sex, used_names):  # only in large schools: the retry below would never end
            origin = next(o for o in (origins or {"nl": 1}) if o in names.FAKER_ORIGINS)
        while True:
            first, prefix, surname = names.child_name(rng, fake, origin, sex)
            key = " ".join(p for p in (first, prefix, surname) if p)
            if key not in used_names and key not in parent_names and first not in names.SIBLING_NAMES:
                used_names.add(key)
                pupil_names.add(key)
                break
        nummer += rng.randint(3, 40)
        if status == "current":
            age = rng.uniform(5.2, 12.4) if rng.random() < 0.45 else rng.uniform(12.6, 19.4)
            left_on = None
            ref = as_of
        else:
            back = rng.uniform(0.3, 2.6) if status == "left" else rng.uniform(3.4, 9.5)
            left_on = as_of - _years(back)
            age = rng.uniform(6.0, 19.0) if i != first_expired else rng.uniform(18.0, 18.9)
            ref = left_on
        born = ref - _years(age)
        school = so if age < 12.5 else vso
        if school is so or rng.random() < 0.4:  # many VSO pupils came up from the foundation's own SO
            entry_age = rng.uniform(4.1, min(age - 0.2, 10.0))
        else:
            entry_age = rng.uniform(12.0, max(12.0, min(age - 0.2, 15.0)))
        pupil = Pupil(first, prefix, surname, id=i + 1, leerlingnummer=str(nummer), geslacht=sex, geboortedatum=born,
                      school=school, organisation=org, inschrijving=born + _years(entry_age), uitschrijving=left_on,
                      origin=origin, status=status)
        pupil.voornamen = names.official_names(rng, fake, first, origin, sex)
        if origin == "sy" and rng.random() < 0.5:
            pupil.onderwijsnummer = numbers.onderwijsnummer(rng)  # newcomer without a BSN yet
        else:
            pupil.bsn = numbers.bsn(rng)
        place, (low, high), streets = rng.choice(towns) if len(towns) > 1 else (towns[0] if towns else
                                                                                ("Almere", (1311, 1359), STREETS))
        pupil.straat = rng.choice(streets)
        pupil.huisnummer = str(rng.randint(1, 240)) + (rng.choice(("", "", "", "a", "b")))
        pupil.postcode = numbers.postcode(rng, low, high)
        pupil.woonplaats = place
        pupil.care = make_profile(rng, school.kind, origin, born, min(2025, ref.year))
        pupil.parents = make_parents(rng, fake, pupil, avoid=pupil_names)
        parent_names.update(parent.full for parent in pupil.parents)
        pupils.append(pupil)
    return pupils


def make_parents(rng: random.Random, fake: Faker, pupil: Pupil, avoid: Set[str] = frozenset()) -> list[Parent]:
    """One or two parents; none gets a full name in `avoid` (the pupils' names).

    Faker's adult first names include children's names (Floor, Sem): in a school of 1000 a mother
    was called like a former pupil, and neither a reader nor the scanner can tell which one a list
    means, so the truth would be undecidable. The redraw only happens on such a clash."""
    parents = []
    two = rng.random() < 0.7
    for relatie in ("moeder", "vader") if two else (rng.choice(("moeder", "moeder", "vader")),):
        sex = "V" if relatie == "moeder" else "M"
        first = names.adult_first_name(rng, fake, pupil.origin, sex)
        if relatie == "vader" or rng.random() < 0.5:
            prefix, surname = pupil.voorvoegsel, pupil.achternaam
            if pupil.origin == "pl" and sex == "V":
                surname = names.female_form(surname, "pl")
            elif pupil.origin == "pl":
                surname = surname[:-1] + "i" if surname.endswith("ska") else surname
        elif pupil.origin in names.FAKER_ORIGINS:
            prefix, surname = names.dutch_surname(fake)
        else:
            prefix, surname = "", names.female_form(rng.choice(names.GROUPS[pupil.origin][2]), pupil.origin)
        while " ".join(x for x in (first, prefix, surname) if x) in avoid:
            first = names.adult_first_name(rng, fake, pupil.origin, sex)
        parent = Parent(first, prefix, surname, relatie=relatie, phone=numbers.mobile(rng))
        local = f"{ascii_mail_part(first)}{rng.choice(('.', '', '_'))}{ascii_mail_part(prefix + surname)}"
        if rng.random() < 0.3:
            local += str(rng.randint(70, 99))
        parent.email = f"{local}@{rng.choice(MAIL_DOMAINS)}"
        parent.iban = numbers.iban(rng)
        parents.append(parent)
    return parents
