"""Adults who share a name with a former pupil: the people issue 13's false violations were about.

A staff member written 'A. van Dijk (IB)' when a pupil Anna van Dijk left years ago; a contact person at
the Samenwerkingsverband written 't.a.v. J. de Boer' when Jesse de Boer was a pupil; a father called
exactly like his son who left long ago, in the parents' section of the younger child's intake form. The
truth never links them to the former pupil; a scanner that links by name alone does.

Planted on the people before any document is written, so every template uses them naturally.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from faker import Faker

from scanner.demo import numbers
from scanner.demo.model import Contact, Parent, Pupil, Staff
from scanner.demo.people import MAIL_DOMAINS, ascii_mail_part

# Functions of staff that documents name most (minutes, intakes, signatures): their namesakes are traps.
NAMESAKE_FUNCTIONS = ("intern begeleider", "orthopedagoog")
FALLBACK_FIRST = {"V": ("Anouk", "Bianca", "Carla", "Diana", "Esther", "Fleur", "Gerda", "Hanneke", "Ingrid", "Joke",
                        "Karin", "Linda", "Monique", "Nicole", "Olga", "Petra", "Rianne", "Sandra", "Tineke",
                        "Ursula", "Vera", "Wilma", "Yvonne", "Zoë", "Mirjam", "Ellen", "Astrid", "Rachida",
                        "Kübra", "Shirley", "Priscilla", "Bouchra", "Heleen"),
                  "M": ("Arjen", "Bart", "Cor", "Dirk", "Erik", "Frank", "Gert", "Hans", "Ivo", "Jeroen", "Kees",
                        "Leon", "Mark", "Nico", "Onno", "Peter", "Rob", "Sander", "Theo", "Ugur", "Vincent",
                        "Willem", "Youssef", "Zeger", "Mehmet", "Rachid")}


@dataclass
class Namesakes:
    """Who was planted as whose namesake; (adult, former pupil) pairs."""

    staff: list[tuple[Staff, Pupil]] = field(default_factory=list)
    contacts: dict[str, tuple[Contact, Pupil]] = field(default_factory=dict)  # logical party key -> contact
    parents: list[tuple[Pupil, Parent, Pupil]] = field(default_factory=list)  # (current child, father, former)


def _first_with_initial(rng: random.Random, fake: Faker, initial: str, sex: str, avoid: set[str]) -> str:
    """An adult first name with this initial, not one of `avoid` (the former pupil's own name)."""
    for _ in range(60):
        first = fake.first_name_female() if sex == "V" else fake.first_name_male()
        if first[0] == initial and first not in avoid:
            return first
    pool = [n for n in FALLBACK_FIRST[sex] + FALLBACK_FIRST["V" if sex == "M" else "M"]
            if n[0] == initial and n not in avoid]
    return rng.choice(pool) if pool else initial + ("ineke" if sex == "V" else "ert")


def _forms(people: list[Pupil]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in people:
        counts[p.initial_form] = counts.get(p.initial_form, 0) + 1
    return counts


def plant(rng: random.Random, fake: Faker, pupils: list[Pupil], staff: list[Staff], k: int,
          contact_parties: tuple[str, ...], domains: dict[str, str]) -> Namesakes:
    """Rename staff, invent party contacts and re-parent current pupils so each is a former pupil's namesake.

    Former pupils are 'expired' ones (left longer ago than retention): a link to them is a false
    retention-expired violation on a document that is about someone else."""
    out = Namesakes()
    forms = _forms(pupils)
    taken = {p.full for p in pupils} | {s.full for s in staff} | {par.full for p in pupils for par in p.parents}
    expired = [p for p in pupils if p.status == "expired" and forms[p.initial_form] == 1]
    rng.shuffle(expired)
    staff_surnames = {s.surname for s in staff}
    pool = [p for p in expired if p.surname not in staff_surnames]

    for function in NAMESAKE_FUNCTIONS:
        member = next((s for s in staff if s.function == function), None)
        if member is None or not pool:
            continue
        former = pool.pop()
        sex = "V" if rng.random() < 0.7 else "M"
        avoid = {former.roepnaam} | {f.split()[0] for f in taken}
        first = _first_with_initial(rng, fake, former.roepnaam[0], sex, avoid)
        member.roepnaam, member.voorvoegsel, member.achternaam = first, former.voorvoegsel, former.achternaam
        member.email = f"{first[0].lower()}.{ascii_mail_part(former.voorvoegsel + former.achternaam)}@" \
                       f"{member.email.rsplit('@', 1)[1]}"
        taken.add(member.full)
        out.staff.append((member, former))

    for key in contact_parties:
        if not pool:
            break
        former = pool.pop()
        sex = "V" if rng.random() < 0.6 else "M"
        avoid = {former.roepnaam} | {f.split()[0] for f in taken}
        first = _first_with_initial(rng, fake, former.roepnaam[0], sex, avoid)
        contact = Contact(first, former.voorvoegsel, former.achternaam, sex=sex)
        contact.email = f"{first[0].lower()}.{ascii_mail_part(former.voorvoegsel + former.achternaam)}@{domains[key]}"
        taken.add(contact.full)
        out.contacts[key] = (contact, former)

    current = [p for p in pupils if p.status == "current"]
    for former in [p for p in pool if p.origin != "pl"][:k]:  # (Polish surnames change with sex)
        # the younger brother: a current pupil of the same name group takes the family name; the father
        # (and the former pupil's father: the same man) is called exactly like the former pupil
        candidates = [c for c in current if c.origin == former.origin and not any(c is x for x, _, _ in out.parents)
                      and f"{c.roepnaam} {former.surname}" not in taken and c.roepnaam[0] != former.roepnaam[0]]
        if not candidates:
            continue
        child = rng.choice(candidates)
        old = (child.voorvoegsel, child.achternaam)
        taken.discard(child.full)
        child.voorvoegsel, child.achternaam = former.voorvoegsel, former.achternaam
        taken.add(child.full)
        for parent in child.parents:
            if (parent.voorvoegsel, parent.achternaam) == old:
                parent.voorvoegsel, parent.achternaam = former.voorvoegsel, former.achternaam
        father = Parent(former.roepnaam, former.voorvoegsel, former.achternaam, relatie="vader",
                        phone=numbers.mobile(rng), iban=numbers.iban(rng))
        father.email = (f"{ascii_mail_part(former.roepnaam)}.{ascii_mail_part(former.voorvoegsel + former.achternaam)}"
                        f"@{rng.choice(MAIL_DOMAINS)}")
        child.parents = [par for par in child.parents if par.relatie != "vader"] + [father]
        former.parents = [par for par in former.parents if par.relatie != "vader"] + [father]
        out.parents.append((child, father, former))
    return out

