"""What a special school writes about its pupils, as sentences tagged with their consent category.

Every sentence that carries special-category data says which category it is (gezondheid,
ontwikkeling, gezinssituatie); everything else is onderwijsgegevens. The truth of a consent check is
the union of the tags of the sentences written into a shared document, so the wording here is chosen
so that it contains no other lexicon term by accident (no 'medicatie: geen', no 'gezag', no postcode
letters that spell a diagnosis).
"""

from __future__ import annotations

import random
from datetime import date

from scanner.demo.model import GEZIN, GEZONDHEID, ONDERWIJS, ONTWIKKELING, CareProfile, Fact, Pupil

# diagnosis -> (who diagnoses it, medication that goes with it)
DIAGNOSES: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "ADHD": (("Kinderpraktijk De Wissel", "Jeugd-GGZ Flevoland"),
             (("methylfenidaat", "10 mg"), ("Medikinet", "20 mg"), ("Concerta", "36 mg"), ("dexamfetamine", "5 mg"))),
    "ADD": (("Kinderpraktijk De Wissel",), (("methylfenidaat", "5 mg"), ("Ritalin", "10 mg"))),
    "autismespectrumstoornis": (("Jeugd-GGZ Flevoland", "het Autismeteam Almere"),
                                (("melatonine", "3 mg"), ("risperidon", "0,5 mg"), ("aripiprazol", "2 mg"))),
    "oppositioneel-opstandige gedragsstoornis": (("Jeugd-GGZ Flevoland",), (("risperidon", "1 mg"),)),
    "TOS": (("het Audiologisch Centrum Almere",), ()),
    "dyslexie": (("het Dyslexiecentrum Flevoland",), ()),
    "epilepsie": (("de kinderneuroloog van het Flevoziekenhuis",),
                  (("levetiracetam", "250 mg"), ("valproaat", "300 mg"))),
    "licht verstandelijke beperking": (("Kinderpraktijk De Wissel",), ()),
    "reactieve hechtingsstoornis": (("Jeugd-GGZ Flevoland",), ()),
    "DCD": (("de kinderfysiotherapeut en de kinderarts",), ()),
    "angststoornis": (("Jeugd-GGZ Flevoland",), (("sertraline", "50 mg"),)),
    "syndroom van Down": (("het Flevoziekenhuis",), ()),
}
ARTICLE = {"autismespectrumstoornis": "een ", "oppositioneel-opstandige gedragsstoornis": "een ",
           "licht verstandelijke beperking": "een ", "reactieve hechtingsstoornis": "een ", "angststoornis": "een ",
           "syndroom van Down": "het "}
# The abbreviations teachers use in lists and after the full term ('... gedragsstoornis (ODD)').
SHORT = {"oppositioneel-opstandige gedragsstoornis": "ODD", "autismespectrumstoornis": "ASS",
         "licht verstandelijke beperking": "LVB", "taalontwikkelingsstoornis": "TOS"}
SO_DIAGNOSES = ("TOS", "autismespectrumstoornis", "ADHD", "DCD", "epilepsie", "syndroom van Down",
                "reactieve hechtingsstoornis", "licht verstandelijke beperking")
VSO_DIAGNOSES = ("ADHD", "ADD", "autismespectrumstoornis", "oppositioneel-opstandige gedragsstoornis",
                 "angststoornis", "licht verstandelijke beperking", "dyslexie", "epilepsie")
WHEN = ("om 12.00 uur op school", "twee keer per dag", "'s ochtends thuis", "voor het slapen")

YOUTH_CARE = {
    "ots": "Sinds {year} is er een ondertoezichtstelling; de gezinsvoogd komt eens per maand op school.",
    "pleeggezin": "{roepnaam} woont sinds {year} in een pleeggezin.",
    "gezinshuis": "{roepnaam} woont sinds {year} in een gezinshuis.",
    "gezinsbegeleiding": "Het gezin krijgt sinds {year} ambulante gezinsbegeleiding.",
    "dagbehandeling": "{roepnaam} gaat twee middagen per week naar dagbehandeling.",
}
RELIGION = {
    "islam": "Het gezin is moslim; tijdens de ramadan doet {roepnaam} deels mee met vasten.",
    "katholiek": "Het gezin is katholiek; {roepnaam} doet dit jaar de eerste communie.",
    "jehova": "Het gezin hoort bij Jehova's getuigen; {roepnaam} doet niet mee aan feesten in de klas.",
    "hindoe": "Het gezin is hindoeïstisch; {roepnaam} is vrij met Divali.",
}
BACKGROUND = {
    "sy": "Het gezin is in {year} als vluchteling uit Syrië naar Nederland gekomen en heeft een verblijfsvergunning.",
    "tr": "Thuistaal is Turks; moeder spreekt weinig Nederlands.",
    "pl": "Thuistaal is Pools; het gezin woont sinds {year} in Nederland.",
    "ma": "Thuistaal is Tarifit en Nederlands.",
    "gh": "Thuistaal is Twi en Engels.",
    "sr": "Thuistaal is Nederlands en Sranantongo.",
    "fy": "Thuistaal is Fries; op school spreekt {roepnaam} Nederlands.",
    "an": "Thuistaal is Papiaments en Nederlands.",
    "be": "Thuistaal is Vlaams; het gezin woont sinds {year} in Nederland.",
    "cv": "Thuistaal is Kaapverdiaans Creools en Nederlands.",
    "bg": "Thuistaal is Bulgaars; het gezin woont sinds {year} in Nederland.",
    "zr": "Thuistaal is Nederlands, Tarifit en Turks.",
}
FAMILY = {
    "omgang": "Ouders zijn uit elkaar; er is een omgangsregeling (om het weekend bij vader).",
    "schulden": "Er zijn financiële zorgen in het gezin; de schuldhulpverlening is ingeschakeld.",
}
SCHOOL_LINES = (
    "{roepnaam} maakt goede vorderingen met technisch lezen; begrijpend lezen blijft achter.",
    "{roepnaam} heeft veel structuur en voorspelbaarheid nodig; wisselingen in het rooster leveren spanning op.",
    "Rekenen gaat met concreet materiaal; de tafels zijn nog niet geautomatiseerd.",
    "{roepnaam} werkt graag met de handen en is behulpzaam naar klasgenoten.",
    "Sociaal-emotioneel is {roepnaam} kwetsbaar; {pronoun} zoekt vooral contact met volwassenen.",
    "In de klas werkt {roepnaam} het best op een vaste werkplek met een koptelefoon.",
    "De leerkracht ziet dat {roepnaam} sneller tot rust komt met een time-out plek op de gang.",
    "{roepnaam} leest aan het eind van het schooljaar op AVI-niveau {avi}.",
)
OUTFLOW_SO = ("vso arbeidsmarktgerichte uitstroom", "vso vervolgonderwijs", "praktijkonderwijs", "vmbo basis")
OUTFLOW_VSO = ("arbeidsmarkt", "dagbesteding", "vervolgonderwijs (mbo niveau 1)", "vervolgonderwijs (mbo niveau 2)")


def make_profile(rng: random.Random, kind: str, origin: str, born: date, until: int = 2025) -> CareProfile:
    """A plausible care profile for a pupil of that school type and origin; nothing dated after `until`."""
    pool = SO_DIAGNOSES if kind == "SO" else VSO_DIAGNOSES
    first = rng.choice(pool)
    diagnoses = [first]
    if rng.random() < 0.35:
        second = rng.choice(pool)
        if second != first and {first, second} != {"ADHD", "ADD"}:
            diagnoses.append(second)
    earliest = born.year + 3
    profile = CareProfile(outflow=rng.choice(OUTFLOW_SO if kind == "SO" else OUTFLOW_VSO))
    for d in diagnoses:
        by, meds = DIAGNOSES[d]
        latest = max(earliest, min(until, born.year + 10))
        profile.diagnoses.append((d, rng.randint(min(earliest, latest), latest), rng.choice(by)))
        if meds and rng.random() < 0.7:
            drug, dose = rng.choice(meds)
            profile.medication.append((drug, dose, rng.choice(WHEN)))
    first_test = max(born.year + 6, 2016)
    if rng.random() < 0.65 and first_test <= until:
        profile.tiq = (rng.randint(55, 104), rng.randint(first_test, until))
    if rng.random() < 0.22:
        profile.youth_care = rng.choice(sorted(YOUTH_CARE))
    religion = {"tr": "islam", "ma": "islam", "sy": "islam", "pl": "katholiek", "sr": "hindoe", "gh": "jehova"}
    if rng.random() < 0.3:
        profile.religion = religion.get(origin, rng.choice(("katholiek", "jehova")))
    if origin not in ("nl", "bb", "gr") and rng.random() < 0.6:  # Dutch (Holland, Brabant, Groningen): no line
        profile.background = origin
    if rng.random() < 0.2:
        profile.family = rng.choice(sorted(FAMILY))
    return profile


def _fill(text: str, pupil: Pupil, year: int = 2020, avi: str = "E5") -> str:
    return text.format(roepnaam=pupil.roepnaam, pronoun=pupil.pronoun, year=year, avi=avi, full=pupil.full)


def diagnosis_facts(pupil: Pupil, rng: random.Random, named: bool = False) -> list[Fact]:
    """One sentence per diagnosis, in the three ways school reports put it."""
    facts = []
    for i, (diag, year, by) in enumerate(pupil.care.diagnoses):
        style = rng.randint(0, 2)
        if named and i == 0:
            style = 1
        named_diag = ARTICLE.get(diag, "") + diag
        if diag in SHORT and rng.random() < 0.6:
            named_diag += f" ({SHORT[diag]})"
        if style == 0:
            text = f"Bij {pupil.roepnaam} is in {year} {named_diag} vastgesteld door {by}."
        elif style == 1:
            text = f"{pupil.full} is gediagnosticeerd met {named_diag}."
        else:
            text = f"Er is sprake van {named_diag} (vastgesteld door {by}, {year})."
        facts.append(Fact(text, GEZONDHEID))
    return facts


def medication_facts(pupil: Pupil) -> list[Fact]:
    facts = []
    for i, (drug, dose, when) in enumerate(pupil.care.medication):
        lead = f"Sinds dit schooljaar gebruikt {pupil.pronoun}" if i == 0 else "Daarnaast"
        facts.append(Fact(f"{lead} {drug} {dose} ({when}).", GEZONDHEID))
    return facts


def test_facts(pupil: Pupil) -> list[Fact]:
    if not pupil.care.tiq:
        return []
    tiq, year = pupil.care.tiq
    return [Fact(f"Uit het intelligentieonderzoek (WISC-V, {year}) komt een TIQ van {tiq}.", ONTWIKKELING)]


def family_facts(pupil: Pupil, rng: random.Random) -> list[Fact]:
    """Youth care, religion, migration background and family situation: all 'gezinssituatie'."""
    cap = min(2025, pupil.uitschrijving.year if pupil.uitschrijving else 2025)
    year = min(cap, max(pupil.geboortedatum.year + 2, 2016) + rng.randint(0, 5))
    facts = []
    c = pupil.care
    for table, key in ((YOUTH_CARE, c.youth_care), (RELIGION, c.religion), (BACKGROUND, c.background),
                       (FAMILY, c.family)):
        if key:
            facts.append(Fact(_fill(table[key], pupil, year=year), GEZIN))
    return facts


def school_facts(pupil: Pupil, rng: random.Random, count: int = 2) -> list[Fact]:
    lines = rng.sample(SCHOOL_LINES, count)
    avi = rng.choice(("M4", "E4", "M5", "E5", "M6", "E6", "Plus"))
    return [Fact(_fill(t, pupil, avi=avi), ONDERWIJS) for t in lines]


def all_facts(pupil: Pupil, rng: random.Random, named: bool = False) -> list[Fact]:
    return (school_facts(pupil, rng) + diagnosis_facts(pupil, rng, named) + medication_facts(pupil)
            + test_facts(pupil) + family_facts(pupil, rng))


def nameless(facts: list[Fact], pupil: Pupil) -> list[Fact]:
    """The same facts with the pupil written 'de leerling': for documents that name the pupil only in the
    file or folder name."""
    out = []
    for f in facts:
        text = f.text.replace(pupil.full, "de leerling").replace(pupil.roepnaam, "de leerling")
        text = text[0].upper() + text[1:]
        out.append(Fact(text.replace(". de leerling", ". De leerling"), f.category))
    return out


def categories(facts: list[Fact]) -> set[str]:
    return {f.category for f in facts} | {ONDERWIJS}


def sibling_sentence(name: str, age: int, condition: str) -> str:
    """'Thuis speelt ook de zorg voor broertje Daan (6 jr., epilepsie).': a child outside the register."""
    return f"Thuis speelt ook de zorg voor {name} ({age} jr., {condition})."


SIBLING_CONDITIONS = ("epilepsie", "autisme", "diabetes", "astma")
