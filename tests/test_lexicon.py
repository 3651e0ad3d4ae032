"""The special-category lexicon (config/lexicons/special_categories.tsv): file shape, groups, and behaviour.

The product is judged on schools it has never seen, so these tests check general vocabulary in
sentences written for them (not strings of the development school), and that ordinary school text
(policy, newsletters, lesson plans, timetables, staff matters) yields no special-category finding.
The recognizer is used directly (load() + analyze()) for speed.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from config import CONFIG_DIR
from scanner.detection.lexicon import DEFAULT_LEXICON, load_lexicon
from scanner.detection.recognizers.nl_special_category import NlSpecialCategoryRecognizer
from scanner.kernel.entities import catalogue
from tests.conftest import SHARED

CONTEXT_ONLY_GROUPS = {"ZORG", "ID"}
COLUMNS = ["term", "group", "needs_context", "kind"]
SEED = SHARED / "seed"


def _rows() -> list[list[str]]:
    lines = [line.rstrip("\n") for line in DEFAULT_LEXICON.read_text(encoding="utf-8").splitlines()]
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def recognizer() -> NlSpecialCategoryRecognizer:
    rec = NlSpecialCategoryRecognizer()
    rec.load()
    return rec


def _found(rec: NlSpecialCategoryRecognizer, text: str) -> list[tuple[str, str, str]]:
    return [(text[r.start:r.end], r.entity_type, r.recognition_metadata["group"]) for r in rec.analyze(text, [])]


# ---- the file -----------------------------------------------------------------------------------

def test_file_has_four_columns_and_valid_values() -> None:
    rows = _rows()
    assert rows[0] == COLUMNS
    for row in rows[1:]:
        assert len(row) == 4, row
        term, group, needs_context, kind = row
        assert term and term == term.strip(), row
        assert group in catalogue().group_types or group in CONTEXT_ONLY_GROUPS, row
        assert needs_context in ("yes", "no"), row
        assert kind in ("data", "context"), row


def test_csv_reader_agrees_with_the_loader() -> None:
    with open(DEFAULT_LEXICON, encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    assert len(rows) == len(load_lexicon()) > 1500


def test_no_duplicate_terms_case_insensitively() -> None:
    seen: dict[str, str] = {}
    dups = []
    for term in load_lexicon():
        key = term.text.lower()
        if key in seen:
            dups.append(term.text)
        seen[key] = term.text
    assert dups == []


def test_every_group_maps_to_an_entity_or_is_context_only() -> None:
    policy = yaml.safe_load((CONFIG_DIR / "default_policy.yaml").read_text(encoding="utf-8"))
    consent_groups = policy["categories"]["groups"]
    for term in load_lexicon():
        if term.group in CONTEXT_ONLY_GROUPS:
            assert term.context_only, term
            continue
        assert term.group in catalogue().group_types, term
        assert term.context_only or term.entity_type == catalogue().group_types[term.group]
        assert term.group in consent_groups, term  # every data group has a consent category


def test_short_terms_and_ambiguous_abbreviations_need_context() -> None:
    terms = {t.text: t for t in load_lexicon()}
    for abbrev in ("AD", "CD", "OG", "IB", "SO", "VT", "GI", "JR", "HB", "ODD", "ASS", "TOS", "LG", "MG", "DNA"):
        assert terms[abbrev].needs_context, abbrev
    for term in terms.values():
        if len(term.text) <= 3 and not term.context_only:
            assert term.needs_context, term


def test_generic_words_are_not_data_on_their_own() -> None:
    data = {t.text.lower() for t in load_lexicon() if not t.context_only and not t.needs_context}
    for word in ("zorg", "ziek", "pauze", "les", "arts", "beperking", "behandeling", "onderzoek", "verslag",
                 "geloof", "achtergrond", "gezag", "jeugdhulp", "therapie", "indicatie", "type 1", "transitie",
                 "verdachte", "scheiding", "afkomst", "ontwikkeling", "taalontwikkeling", "motoriek"):
        assert word not in data, word


@pytest.mark.parametrize(("term", "group"), [
    ("IQ", "PSY"), ("TIQ", "PSY"), ("WISC-V", "PSY"), ("WPPSI", "PSY"), ("werkgeheugen", "PSY"),
    ("verwerkingssnelheid", "PSY"), ("motorische achterstand", "PSY"), ("motorische ontwikkeling", "PSY"),
    ("taalachterstand", "PSY"), ("fijne motoriek", "PSY"), ("disharmonisch profiel", "PSY"),
    ("ADHD", "GEZ"), ("taalontwikkelingsstoornis", "GEZ"), ("epilepsie", "GEZ"), ("stoornis", "GEZ"),
    ("methylfenidaat", "MED"), ("aripiprazol", "MED"), ("Lamictal", "MED"), ("salbutamol", "MED"),
    ("pleegzorg", "JB"), ("gezinsbegeleiding", "JEUGD"), ("huiselijk geweld", "VEIL"),
    ("Halt-afdoening", "STRAF"), ("islamitisch", "REL"), ("Turkse afkomst", "ETN"), ("schulden", "GEZIN"),
])
def test_group_of_key_terms(term: str, group: str) -> None:
    terms = {t.text: t for t in load_lexicon()}
    assert terms[term].group == group


def test_each_term_is_reported_with_its_own_group(recognizer: NlSpecialCategoryRecognizer) -> None:
    """A term on its own is found with its own group, and a context term is never a finding.

    Catches a shorter term of another group that is a prefix of a longer one (it wins on the same word:
    'taalontwikkeling' would turn 'taalontwikkelingsstoornis' into a PSY finding), and a context term
    that swallows a data term.
    """
    problems = []
    for term in load_lexicon():
        text = f"Notitie over de leerling: {term.text} ."
        start = text.index(term.text)
        end = start + len(term.text)
        results = recognizer.analyze(text, [])
        overlapping = [r for r in results if r.start < end and start < r.end]
        if term.context_only:
            if overlapping:
                problems.append(("context term reported", term.text))
        elif not any(r.start <= start and end <= r.end and r.recognition_metadata["group"] == term.group
                     for r in overlapping):
            problems.append(("data term lost", term.text,
                             [(text[r.start:r.end], r.recognition_metadata["group"]) for r in overlapping]))
    assert problems == []


# ---- realistic sentences -----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value", "entity", "group"), [
    ("Bij Sem is in 2023 een aandachtstekortstoornis vastgesteld.", "aandachtstekortstoornis", "HEALTH", "GEZ"),
    ("Zij heeft het syndroom van Prader-Willi.", "syndroom van Prader-Willi", "HEALTH", "GEZ"),
    ("Hij is bekend met een gegeneraliseerde angststoornis.", "angststoornis", "HEALTH", "GEZ"),
    ("Noor heeft een bipolaire stoornis.", "bipolaire stoornis", "HEALTH", "GEZ"),
    ("Er is sprake van selectief mutisme.", "selectief mutisme", "HEALTH", "GEZ"),
    ("Jayden is slechthorend en draagt twee hoortoestellen.", "slechthorend", "HEALTH", "GEZ"),
    ("Bij een hypo krijgt hij druivensuiker; zijn bloedsuikerwaarde wordt gemeten.", "hypo", "HEALTH", "GEZ"),
    ("Ze heeft coeliakie en eet glutenvrij.", "coeliakie", "HEALTH", "GEZ"),
    ("Hij is rolstoelgebonden door spina bifida.", "rolstoelgebonden", "HEALTH", "GEZ"),
    ("Moeder geeft 's avonds Circadin 2 mg.", "Circadin", "HEALTH", "MED"),
    ("Hij gebruikt pipamperon voor het slapen.", "pipamperon", "HEALTH", "MED"),
    ("Noodmedicatie: midazolam neusspray bij een aanval langer dan vijf minuten.", "midazolam", "HEALTH", "MED"),
    ("Zij gebruikt dagelijks Flixotide en bij benauwdheid salbutamol.", "Flixotide", "HEALTH", "MED"),
    ("Daan gebruikt sertraline sinds januari.", "sertraline", "HEALTH", "MED"),
    ("Uit de WISC-V blijkt een verbaal IQ van 84.", "verbaal IQ", "HEALTH", "PSY"),
    ("De CBCL en de TRF zijn door ouders en leerkracht ingevuld.", "CBCL", "HEALTH", "PSY"),
    ("Het intelligentieprofiel is disharmonisch.", "intelligentieprofiel", "HEALTH", "PSY"),
    ("Er is een motorische achterstand; de grove motoriek is zwak.", "motorische achterstand", "HEALTH", "PSY"),
    ("De logopedist ziet een vertraagde taalontwikkeling.", "vertraagde taalontwikkeling", "HEALTH", "PSY"),
    ("De taalontwikkeling van deze leerling verloopt traag.", "taalontwikkeling", "HEALTH", "PSY"),
    ("Bij de leerling is een taalontwikkelingsstoornis vastgesteld.", "taalontwikkelingsstoornis", "HEALTH", "GEZ"),
    ("Het gezin krijgt intensieve ambulante gezinsbehandeling.", "intensieve ambulante gezinsbehandeling",
     "YOUTH_CARE", "JEUGD"),
    ("Sinds de zomer woont Lotte in een gezinshuis.", "gezinshuis", "YOUTH_CARE", "JB"),
    ("Er is een machtiging uithuisplaatsing afgegeven.", "machtiging uithuisplaatsing", "YOUTH_CARE", "JB"),
    ("Er is een vermoeden van kindermishandeling.", "kindermishandeling", "YOUTH_CARE", "VEIL"),
    ("Het meisje is getuige van partnergeweld.", "partnergeweld", "YOUTH_CARE", "VEIL"),
    ("Hij is opgepakt door de politie voor winkeldiefstal.", "winkeldiefstal", "CRIMINAL", "STRAF"),
    ("Vader zit een gevangenisstraf uit.", "gevangenisstraf", "CRIMINAL", "STRAF"),
    ("Er loopt een Halt-traject na vernielingen.", "Halt-traject", "CRIMINAL", "STRAF"),
    ("Het gezin bezoekt elke vrijdag de moskee.", "moskee", "RELIGION", "REL"),
    ("De ouders zijn reformatorisch; tv kijken mag niet.", "reformatorisch", "RELIGION", "REL"),
    ("Het gezin is van Somalische afkomst.", "Somalische afkomst", "ETHNICITY", "ETN"),
    ("Zij is geboren in Eritrea en woonde eerst in een azc.", "geboren in Eritrea", "ETHNICITY", "ETN"),
    ("Het gezin is uitgeprocedeerd en heeft geen verblijfsvergunning.", "uitgeprocedeerd", "ETHNICITY", "ETN"),
    ("Ouders zijn gescheiden en er is een omgangsregeling.", "Ouders zijn gescheiden", "FAMILY_SITUATION", "GEZIN"),
    ("Vader is uit beeld; Fleur woont bij oma.", "Vader is uit beeld", "FAMILY_SITUATION", "GEZIN"),
    ("Er is sprake van een ouder met psychiatrische problematiek.", "ouder met psychiatrische problematiek",
     "FAMILY_SITUATION", "GEZIN"),
    ("Het gezin zit in de schuldsanering.", "schuldsanering", "FAMILY_SITUATION", "GEZIN"),
])
def test_new_terms_in_sentences(recognizer: NlSpecialCategoryRecognizer, text: str, value: str, entity: str,
                                group: str) -> None:
    assert (value, entity, group) in _found(recognizer, text)


GENERIC = [
    # policy and privacy text
    "Wij verwerken geen gegevens over godsdienst of levensovertuiging, ras of etnische afkomst.",
    "Strafrechtelijke gegevens worden niet in het leerlingdossier opgenomen.",
    "Biometrische gegevens en genetische gegevens verwerken wij niet.",
    "De school werkt volgens de meldcode huiselijk geweld en kindermishandeling.",
    "Het bevoegd gezag stelt het schoolplan vast; de gegevens zijn afkomstig van DUO.",
    "Bij ziekte van een leerkracht proberen wij vervanging te regelen.",
    "Meld verdachte e-mails bij de functionaris gegevensbescherming; functiescheiding is geregeld.",
    "Het besluit over de begroting is aangehouden tot de volgende vergadering.",
    "Ik geloof dat dit een geloofwaardig en ongelooflijk goed plan is.",
    "De arts van de GGD komt op school; zorg en onderzoek worden besproken in het verslag.",
    "Onze zorgstructuur: de intern begeleider, het zorgteam en het samenwerkingsverband.",
    "Wij geven alleen op schriftelijk verzoek van ouders medicijnen; zie het protocol medicijnverstrekking.",
    # newsletters, facilities, timetables
    "Welkom aan alle nieuwkomers in groep 1 en 2!",
    "Juf Sanne is met zwangerschapsverlof; meester Tom neemt haar groep over.",
    "Het afval wordt gescheiden ingezameld; de afvalscheiding start in maart.",
    "Gym is alleen op woensdag; de pauze duurt een kwartier.",
    "Nog niet in beeld is wanneer de energietransitie van het gebouw start.",
    "De coöperatie en de cooperatie voor inkoop leveren de nieuwe stoelen.",
    "De zonwering is kapot; de monteur heeft de blinderingen vervangen.",
    "Les 3: groente snijden en een onderwerp aansnijden in de kring.",
    "Rooster: maandag rekenen, dinsdag taal, woensdag gym, donderdag muziek.",
    "Fiets type 12 en type 1 staan in de stalling.",
    "Taalontwikkeling en rekenen staan centraal in groep 1 en 2.",
    "Het lokaal is omgedoopt tot techniekruimte.",
    "Voor het spel met de blinddoek hebben we nog vrijwilligers nodig.",
    # forms without special-category content
    "Medicatie: geen. Allergieën: geen. Diagnose: geen.",
    "Er zijn geen diagnoses bekend en er is geen medicatie.",
]


@pytest.mark.parametrize("text", GENERIC)
def test_generic_sentences_yield_nothing(recognizer: NlSpecialCategoryRecognizer, text: str) -> None:
    assert _found(recognizer, text) == []


def test_seed_privacy_guide_yields_nothing(recognizer: NlSpecialCategoryRecognizer) -> None:
    """The school privacy guide names categories and partners, but describes no person."""
    from connectors.extractors.text import extract_text
    from scanner.detection.paragraphs import join_lines

    files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if not files:
        pytest.skip("no seed documents in ../shared/seed")
    for path in files:
        units = join_lines(extract_text(path.read_bytes(), path.name).units)
        text = "\n".join(u.text.replace("\n", " ") for u in units)
        assert _found(recognizer, text) == [], path.name


def test_context_only_terms_are_clues_for_abbreviations(recognizer: NlSpecialCategoryRecognizer) -> None:
    assert _found(recognizer, "Verwezen door de kinderpsychiater: ODD.") == [("ODD", "HEALTH", "GEZ")]
    assert _found(recognizer, "ODD") == []


def test_lexicon_path_is_the_default() -> None:
    assert Path(DEFAULT_LEXICON).name == "special_categories.tsv"
