"""House styles of the demo generator and issue 13's traps: a second school that looks nothing like the
first, deterministic for a seed, with every trap planted and a truth/ folder that is consistent.

These tests check the generator and its truth, not the scanner (tests/test_trap_schools.py does that).
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from scanner.config import load_config
from scanner.demo import build_demo_school, plan_school
from scanner.demo.planner import TRAP_CLASSES
from scanner.demo.scoring import entity_counts, rates, score_truth, violation_counts
from scanner.demo.styles import STYLE_NAMES, style_by_name
from scanner.linking import folder_regex

SECOND = "meerstroom"
THIRD = "zuidrand"  # held out: its own templates, written from the domain, not from the scanner
FOURTH = "noorderkwartier"  # held out too: Magister lists, words for dates, multi-sheet and ',' exports
FIFTH = "maasstad"  # held out too: ParnasSys cards and exports, Rotterdam names and house numbers, parents' mails
HELD_OUT = (SECOND, THIRD, FOURTH, FIFTH)
# ../shared next to the checkout (or next to the folder of worktrees); CI may have neither
SHARED_SCORER = next((p / "shared" / "tools" / "score.py" for p in Path(__file__).resolve().parents[1:4]
                      if (p / "shared" / "tools" / "score.py").exists()), Path("/nonexistent"))


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module", params=HELD_OUT)
def school(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built school of a held-out style; the folder is named after the style."""
    root = tmp_path_factory.mktemp("styles") / request.param
    build_demo_school(root, style=request.param)
    return root


def test_held_out_style_is_deterministic(school: Path, tmp_path: Path) -> None:
    style = school.name
    again = tmp_path / "again"
    build_demo_school(again, style=style)
    share = school / "share"
    files = sorted(p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again / "share").as_posix() for p in (again / "share").rglob("*")
                           if p.is_file())
    by_suffix = {Path(p).suffix: p for p in files}
    assert set(by_suffix) >= {".docx", ".pdf", ".eml", ".xlsx", ".csv", ".txt"}
    assert style != SECOND or ".odt" in by_suffix
    for rel in [f"share/{p}" for p in by_suffix.values()] + ["truth/expected_entities.csv", "truth/controls.csv",
                                                              "records/leerlingen.csv", "avgscan.yaml"]:
        assert (school / rel).read_bytes() == (again / rel).read_bytes(), rel


@pytest.mark.parametrize("other", HELD_OUT)
def test_held_out_style_looks_different(other: str) -> None:
    for one, two in ((plan_school(), plan_school(style=other)),
                     (plan_school(style=other), plan_school(style=next(s for s in STYLE_NAMES if s != other
                                                                          and s != "flevo")))):
        tops = {d.place.path.split("/")[0] for d in one.docs}, {d.place.path.split("/")[0] for d in two.docs}
        assert not tops[0] & tops[1], tops
        assert one.organisation.name != two.organisation.name
        assert {p.woonplaats for p in one.pupils} != {p.woonplaats for p in two.pupils}
        assert len({p.achternaam for p in one.pupils} & {p.achternaam for p in two.pupils}) < 10


def test_second_style_wording() -> None:
    one, two = plan_school(), plan_school(style=SECOND)

    def labels(plan: object) -> set[str]:
        return {str(r[0]) for d in plan.docs for b in d.blocks if b.kind == "form" for r in b.rows}  # type: ignore

    assert "Geb.datum" in labels(two) and "Geb.datum" not in labels(one)
    assert "Naam kind" in labels(two) and "Naam leerling" in labels(one)
    mails = [b.text for d in two.docs if d.mail for b in d.blocks]
    assert mails and all(t.startswith("Geachte") for t in mails)
    assert any(t.startswith("Beste") for d in one.docs if d.mail for t in (b.text for b in d.blocks))


def test_second_style_s_forms_are_indented_odt_and_read_whole(school: Path) -> None:
    """Meerstroom's forms come from an office suite that writes its XML indented (session 37): odfpy's tree
    lost the body of such a file and the scanner read only its headers; the XML reader reads the form."""
    import zipfile

    from connectors.extractors.odf import extract_odt

    forms = sorted((school / "share").rglob("*.odt"))
    if school.name != SECOND:
        assert all(b"\n  <" not in zipfile.ZipFile(f).read("content.xml") for f in forms)
        return
    assert forms
    for f in forms:
        assert b"\n  <" in zipfile.ZipFile(f).read("content.xml"), f
        units = extract_odt(f.read_bytes(), f.name).units
        assert any(u.record for u in units) and any(u.text.strip() for u in units), f  # the form's table


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_every_trap_is_planted(style: str) -> None:
    plan = plan_school(style=style)
    assert set(plan.traps) == set(TRAP_CLASSES), set(TRAP_CLASSES) - set(plan.traps)
    by_number = {p.leerlingnummer: p for p in plan.pupils}
    kinds = {kind for kind, _, _ in plan.namesakes}
    assert kinds == {"staff", "contact", "parent"}
    for kind, adult, former in plan.namesakes:
        pupil = by_number[former]
        assert pupil.status == "expired" and adult != pupil.full or kind == "parent"
        initials = f"{adult.split()[0][0]}. {' '.join(adult.split()[1:])}"
        assert initials == pupil.initial_form, (kind, adult, pupil.full)
        if kind == "parent":
            assert adult == pupil.full
    docs = {d.place.path: d for d in plan.docs}
    rows = {r.place.path: r for r in plan.rows}
    formers = {former for _, _, former in plan.namesakes}
    for kind in ("staff_namesake", "contact_namesake", "parent_namesake"):
        for path in plan.traps[kind]:  # the namesake is never whom the document is about
            assert not {p.leerlingnummer for p in docs[path].place.subjects} & formers, path
    texts = {path: " ".join(b.text for b in d.blocks) + " ".join(str(c) for b in d.blocks for r in b.rows for c in r)
             for path, d in docs.items()}
    assert any(re.search(r"(t\.a\.v\.|contactpersoon:|ter attentie van) (mw\. |dhr\. )?[A-Z]\. ", texts[p])
               for p in plan.traps["contact_namesake"])
    assert any(re.search(r"[A-Z]\. [\w ]+ \(IB\)", texts[p]) for p in plan.traps["staff_namesake"])
    split = [docs[p] for p in plan.traps["split_name_applicant"]]
    suffixes = {Path(d.place.path).suffix for d in split}
    assert suffixes & {".docx", ".odt"} and suffixes & {".pdf", ".txt"}, suffixes
    for d in split:
        assert len(d.place.unknown_children) == 1 and d.place.unknown_children[0] in d.place.path
        # labels of 'Label: value' rows, and of label|value column pairs in a table
        labels = {str(r[i]) for b in d.blocks if b.kind in ("form", "table") for r in b.rows
                  for i in range(0, len(r), 2)}
        # ParnasSys writes 'Achternaam (officieel)': a label that starts with the word counts
        assert all(any(label.split(" (")[0] == want for label in labels)
                   for want in ("Achternaam", "Voornamen", "Roepnaam")), labels
        body = " ".join([b.text for b in d.blocks] + [str(c) for b in d.blocks for r in b.rows for c in r])
        assert d.place.unknown_children[0] not in body
    wordless = {s for t in style_by_name(style).towns for s in t.wordless}
    assert any(p.straat in wordless for p in plan.pupils if p.status == "current")
    exports = {path.split("#")[0] for path in plan.traps["export_dates"]}
    assert exports == {"table:overdracht_jeugdhulp", "table:aanmelding_gezinsteam"}
    undated = [rows[p] for p in plan.traps["export_dates"] if "gezinsteam" in p]
    assert all(r.place.share_date == plan.as_of and not any("datum" in c or "_op" in c for c in r.values)
               for r in undated)
    assert any(docs[p].place.needs == "folder" for p in plan.traps["folder_or_file_name_only"] if p in docs)


@pytest.mark.parametrize("style", HELD_OUT)
def test_traps_scale_with_the_school(style: str) -> None:
    small, large = plan_school(style=style), plan_school(style=style, pupils=180)
    for kind in ("split_name_applicant", "export_dates", "folder_or_file_name_only"):
        assert len(large.traps[kind]) >= 2 * len(small.traps[kind]), kind


def test_truth_files_are_consistent(school: Path) -> None:
    truth = school / "truth"
    expected = _rows(truth / "expected_violations.csv")
    controls = _rows(truth / "controls.csv")
    flagged = {r["path"] for r in expected}
    control_paths = [r["path"] for r in controls]
    assert not flagged & set(control_paths)
    assert len(control_paths) == len(set(control_paths))
    share = school / "share"
    files = {p.relative_to(share).as_posix() for p in share.rglob("*") if p.is_file()}
    share_paths = {p for p in flagged | set(control_paths) if not p.startswith("table:")}
    assert share_paths == files
    entities = _rows(truth / "expected_entities.csv")
    assert {r["path"] for r in entities if not r["path"].startswith("table:")} <= files
    types = {r["entity_type"] for r in entities}
    assert types >= {"PERSON", "ADDRESS", "NL_POSTCODE", "DATE_OF_BIRTH", "NL_BSN", "PHONE_NUMBER", "EMAIL_ADDRESS",
                     "HEALTH"}
    plan = plan_school(style=school.name)
    staff_names = {s.full for s in plan.staff}
    person_values = {r["value"] for r in entities if r["entity_type"] == "PERSON"}
    assert staff_names & person_values and {c.full for c in plan.contacts} & person_values
    assert {p.address for p in plan.pupils if p.status == "current"} & {r["value"] for r in entities
                                                                         if r["entity_type"] == "ADDRESS"}
    meta = {r["path"] for r in _rows(truth / "file_meta.csv")}
    assert files <= meta
    decoys = _rows(truth / "decoys.csv")
    assert {"BRIN", "KVK", "ADDRESS", "DATE"} <= {r["decoy_kind"] for r in decoys}


def test_config_fits_the_layout(school: Path) -> None:
    cfg = load_config(school / "avgscan.yaml")
    share = cfg.sources[0]
    rx = folder_regex(share.folder_pattern or "")
    style = style_by_name(school.name)
    plan = plan_school(style=style.key)
    numbers = {p.leerlingnummer for p in plan.pupils}
    kept = tuple(f + "/" for f, role in style.roles.items() if role in ("dossier", "archive"))
    dossiers = [d.place.path.split("/")[-2] for d in plan.docs if d.place.path.startswith(kept)]
    assert dossiers
    for folder in dossiers:
        m = rx.match(folder)
        assert m and m.group("leerlingnummer") in numbers, folder
    assert set(share.roles) == set(style.roles)
    assert set(share.outbound.values()) == set(style.parties.values())
    assert cfg.records.staff is not None and (school / cfg.records.staff.path).exists()  # type: ignore[operator]


def test_in_repo_scorer_scores_the_truth(school: Path) -> None:
    truth = school / "truth"
    expected = _rows(truth / "expected_violations.csv")
    perfect = rates(violation_counts(truth, expected))
    assert perfect["ALL"]["f1"] == 1.0 and perfect["ALL"]["fp_on_controls"] == 0
    control = _rows(truth / "controls.csv")[0]
    worse = rates(violation_counts(truth, expected[1:] + [{**control, "rule": "open-access"}]))
    assert worse["ALL"]["fn"] == 1 and worse["ALL"]["fp"] == 1 and worse["ALL"]["fp_on_controls"] == 1
    entities = _rows(truth / "expected_entities.csv")
    ents = entity_counts(truth, [{**r} for r in entities])
    assert all(c.get("fn", 0) == 0 for c in ents.values())
    assert score_truth(truth, expected)["violations"]["ALL"]["recall"] == 1.0


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="../shared is not there")
def test_shared_scorer_reads_the_truth(school: Path, tmp_path: Path) -> None:
    """The truth/ folder is in the shared scorer's format: it scores the truth itself as perfect."""
    out = subprocess.run([sys.executable, str(SHARED_SCORER), str(school), "--violations",
                          str(school / "truth" / "expected_violations.csv"), "--entities",
                          str(school / "truth" / "expected_entities.csv")], capture_output=True, text=True, check=True)
    assert re.search(r"ALL\s+\d+\s+0\s+0\s+0\s+1\.0\s+1\.0\s+1\.0", out.stdout), out.stdout


def _body(doc: object) -> str:
    blocks = doc.blocks  # type: ignore[attr-defined]
    return "\n".join([b.text for b in blocks] + [" | ".join(str(c) for c in r) for b in blocks for r in b.rows])


def test_third_style_writes_its_own_templates() -> None:
    """zuidrand is not the default templates relabelled: each of its own kinds is there, in its own layout,
    and none of the default templates it replaces is."""
    plan = plan_school(style=THIRD)
    by_title: dict[str, list[object]] = {}
    for doc in plan.docs:
        by_title.setdefault(doc.title.split(" ")[0], []).append(doc)
    own = {"Leerlingkaart", "Groeidocument", "Verslag", "Brief", "Notitie", "Inschrijfformulier", "Notulen",
           "Leerlingbespreking", "RE:", "Verwijsformulier", "Klassenlijst", "Verzuimoverzicht"}
    assert own <= set(by_title), own - set(by_title)
    assert not {"Intakeformulier", "Ontwikkelingsperspectiefplan", "Zorgoverleg", "Handelingsplan",
                "Telefoonlijst", "Verklaring", "Aanmeldformulier"} & set(by_title)
    card = by_title["Leerlingkaart"][0]
    paras = [b.text for b in card.blocks if b.kind == "para"]  # type: ignore[attr-defined]
    assert "Geboortedatum" in paras and paras[paras.index("Geboortedatum") + 1][:2].isdigit()
    mdo = [d for d in by_title["Verslag"] if "MDO" in d.title]  # type: ignore[attr-defined]
    assert mdo and all("Naam | Functie | Organisatie" in _body(d) for d in mdo)
    assert all(re.search(r"\n\| (Naam|Wie) \|", "\n| " + _body(d)) or "Aanwezigen" in _body(d) for d in mdo)
    thread = _body(by_title["RE:"][0])
    assert re.search(r"Op \d{1,2} \w+ \d{4} om \d\d:\d\d schreef .+:\n> ", thread)
    assert any(re.search(r"^\[x\] ", _body(d), re.M) for d in by_title["Verwijsformulier"])
    assert all("Verwezen op | " in _body(d) for d in by_title["Verwijsformulier"])
    minutes = _body(by_title["Notulen"][0])
    assert "Wie | Wat | Wanneer" in minutes and re.search(r"\n[A-Z][a-z]*[A-Z] \| ", minutes)
    letters = by_title["Brief"]
    assert all("Geachte ouder(s)/verzorger(s) van " in _body(d) for d in letters)
    notes = by_title["Notitie"]
    assert all(len([b for b in d.blocks if b.kind == "para"]) == 1 and d.place.path.endswith(".txt")  # type: ignore
               for d in notes)
    sheet = by_title["Klassenlijst"][0].sheet  # type: ignore[attr-defined]
    assert sheet[0][0] == "Leerling" and all(", " in str(r[0]) for r in sheet[1:])
    export = by_title["Verzuimoverzicht"][0]
    assert {"Geb.datum", "Datum absentie"} <= set(export.sheet[0])  # type: ignore[attr-defined]
    assert export.place.party == style_by_name(THIRD).party(  # type: ignore[attr-defined]
        "Extern/Leerplicht") and export.place.share_date  # type: ignore[attr-defined]


def test_third_style_records_and_folders(tmp_path: Path) -> None:
    """Dossier folders '20431_deBoer_Jesse', a Somtoday-like register and the IT person's own avgscan.yaml."""
    root = tmp_path / THIRD
    build_demo_school(root, style=THIRD, seed=12)
    plan = plan_school(style=THIRD, seed=12)
    folders = {d.place.path.split("/")[-2] for d in plan.docs if d.place.path.startswith("02 Leerlingdossiers/")}
    assert folders and all(re.fullmatch(r"\d+_[^ _]+_[^ _]+", f) for f in folders), folders
    assert any(re.match(r"\d+_(van|de|ter|ten)[A-Z]", f) for f in plan_school(style=THIRD, pupils=120).docs
               and {d.place.path.split("/")[-2] for d in plan_school(style=THIRD, pupils=120).docs})
    header = (root / "records" / "leerlingen.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    assert header == list(style_by_name(THIRD).register_header) and "Lln.nr." in header
    cfg = load_config(root / "avgscan.yaml")
    register = cfg.records.pupil_register
    assert register is not None and register.columns["uitschrijving"] == "Einddatum"
    assert "# Ingericht door ICT" in (root / "avgscan.yaml").read_text(encoding="utf-8")


def test_fourth_style_writes_its_own_templates() -> None:
    """noorderkwartier is not the default templates relabelled: its own kinds are there, in their own layouts."""
    plan = plan_school(style=FOURTH)
    by_title: dict[str, list[object]] = {}
    for doc in plan.docs:
        by_title.setdefault(doc.title.split(" ")[0], []).append(doc)
    own = {"Leerlinggegevens", "Ontwikkelingsperspectief", "Verslag", "Brief", "WhatsApp-chat", "Aanmeldformulier",
           "Handelingsplan", "Zorgoverzicht", "Fwd:", "Aanmelding", "Groepslijst", "Verzuimexport"}
    assert own <= set(by_title), own - set(by_title)
    assert not {"Intakeformulier", "Ontwikkelingsperspectiefplan", "Zorgoverleg", "Telefoonlijst", "Verklaring",
                "Leerlingkaart", "Groeidocument", "Notitie"} & set(by_title)
    pupils = {p.leerlingnummer: p for p in plan.pupils}
    lists = [(name, rows) for t in ("Zorgoverzicht", "Groepslijst", "Verzuimexport") for d in by_title[t]
             for name, rows in [(d.sheet_name, d.sheet), *d.more_sheets]]  # type: ignore[attr-defined]
    magister = re.compile(r"^[A-Z][\w'-]+(?: [A-Z][\w'-]+)*, (?:[A-Z]\.)+ \(\w+\)(?: [a-z]+(?: [a-z]+)*)?$")
    assert lists and all(magister.match(str(r[rows[0].index("Leerling")])) for _, rows in lists for r in rows[1:])
    overview = by_title["Zorgoverzicht"]
    assert any(d.more_sheets for d in overview)  # type: ignore[attr-defined]
    assert all(d.place.path.endswith(".xlsx") for d in overview)  # type: ignore[attr-defined]
    csvs = [d for d in by_title["Groepslijst"] + by_title["Verzuimexport"] if d.sheet]  # type: ignore[attr-defined]
    assert all(d.place.path.endswith(".csv") and d.delimiter == "," for d in csvs)  # type: ignore[attr-defined]
    months = "|".join(("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                       "oktober", "november", "december"))
    cards = by_title["Leerlinggegevens"]
    assert all(re.search(rf"geboren op \d{{1,2}} ({months}) \d{{4}} te ", _body(d)) for d in cards)
    assert any(p.magister_name in _body(d) for d in cards for p in pupils.values())
    chain = _body(by_title["Fwd:"][0])
    assert "---------- Doorgestuurd bericht ----------\nVan: " in chain and "\nVerzonden: " in chain
    chats = by_title["WhatsApp-chat"]
    assert all(re.match(r"\[\d\d-\d\d-\d{4} \d\d:\d\d\] ", _body(d)) and d.place.needs == "folder"  # type: ignore
               for d in chats)
    for d in chats:  # the pupil is named nowhere in the chat
        assert not any(p.roepnaam in _body(d) for p in d.place.subjects)  # type: ignore[attr-defined]
    assert all(d.place.path.endswith(".pdf") for d in by_title["Handelingsplan"] + by_title["Ontwikkelingsperspectief"])
    assert all(d.place.path.endswith(".odt") for d in by_title["Brief"] + by_title["Aanmelding"])


def test_fourth_style_records_and_folders(tmp_path: Path) -> None:
    """A Magister register (',' and quotes, 'Voorletters'), a year-based archive per group, party folders under
    Uitwisseling/Zorgpartners, and the IT person's avgscan.yaml that maps the register's columns."""
    root = tmp_path / FOURTH
    build_demo_school(root, style=FOURTH, seed=12)
    plan = plan_school(style=FOURTH, seed=12)
    archive = [d.place.path for d in plan.docs if d.place.path.startswith("Archief leerlingen/")]
    assert archive and all(re.match(r"Archief leerlingen/\d{4}-\d{4}/[^/]+/Stamnr \d+ - ", p)
                           for p in archive if p.count("/") >= 4), archive
    assert any(d.place.path.startswith("Uitwisseling/Zorgpartners/") for d in plan.docs)
    lines = (root / "records" / "leerlingen.csv").read_text(encoding="utf-8").splitlines()
    header = next(csv.reader(lines[:1]))
    assert header[:6] == ["Stamnr", "Achternaam", "Tussenv", "Voorletters", "Roepnaam", "Geb.dat."]
    assert lines[0].startswith('"Stamnr","Achternaam"')
    cfg = load_config(root / "avgscan.yaml")
    register = cfg.records.pupil_register
    assert register is not None and register.columns["uitschrijving"] == "Datum uitschr."
    entities = _rows(root / "truth" / "expected_entities.csv")
    births = {r["value"] for r in entities if r["entity_type"] == "DATE_OF_BIRTH"}
    assert any(re.fullmatch(r"\d{1,2} [a-z]+ \d{4}", b) for b in births)
    names = {r["value"] for r in entities if r["entity_type"] == "PERSON"}
    assert {p.magister_name for p in plan.pupils} & names


def test_fifth_style_writes_its_own_templates() -> None:
    """maasstad is not the default templates relabelled: its own kinds are there, in their own layouts."""
    plan = plan_school(style=FIFTH)
    by_title: dict[str, list[object]] = {}
    for doc in plan.docs:
        by_title.setdefault(doc.title.split(" ")[0], []).append(doc)
    own = {"Leerlingkaart", "Groeidocument", "MDO-verslag", "Brief", "Even", "Groepsbespreking", "Aanmelding",
           "Agenda", "LVS-export", "RE:", "Verwijsformulier", "Klassenschrift", "Toestemmingsformulier"}
    assert own <= set(by_title), own - set(by_title)
    assert not {"Intakeformulier", "Ontwikkelingsperspectiefplan", "Zorgoverleg", "Telefoonlijst", "Verklaring",
                "Leerlinggegevens", "Zorgoverzicht", "WhatsApp-chat", "Fwd:"} & set(by_title)
    lvs = by_title["LVS-export"]
    form = re.compile(r"^[\w' -]+, (\w)\. \(\1[\w-]*\)$")  # 'Boer de, J. (Jesse)', 'Çelik, Y. (Yusuf)'
    assert all(d.delimiter == ";" and form.match(str(r[0])) for d in lvs for r in d.sheet[1:])  # type: ignore
    cards = by_title["Leerlingkaart"]
    assert all(d.place.path.endswith(".pdf") or d.place.path.startswith("1 Leerlingen/Aanmeldingen")  # type: ignore
               for d in cards)
    assert any(re.search(r"\nGeboortedatum\n\d{4}-\d\d-\d\d\n", _body(d)) for d in cards)
    thread = _body(by_title["RE:"][0])
    assert re.search(r"\nOp \d{1,2} [a-z]+ \d{4} om \d\d:\d\d schreef .+:\n> ", thread)
    letters = [d for d in by_title["Brief"] if "Betreft: " in _body(d)]
    assert letters and all("Geachte ouder(s)/verzorger(s)," in _body(d) for d in letters)
    mails = by_title["Even"]
    assert mails and all(d.place.needs == "folder" and d.mail is not None for d in mails)  # type: ignore
    for d in mails:  # by first name only, signed by the parent
        p = d.place.subjects[0]  # type: ignore[attr-defined]
        assert p.full not in _body(d) and f" {p.roepnaam} heeft" in _body(d) and p.parents[0].full in _body(d)
    agenda = [b for d in by_title["Agenda"] for b in d.blocks if b.kind == "table"]  # type: ignore
    assert agenda and all(b.rows[0] == ["Leerling", "Groep", "Aanmelder", "Vraag"] for b in agenda)
    assert all(re.search(r"^\[[x ]\] ", _body(d), re.M) for d in by_title["Verwijsformulier"])
    notes = by_title["Klassenschrift"]
    assert notes and all(any(b.text.startswith(f"{p.roepnaam}: ") for b in d.blocks)  # type: ignore
                         for d in notes for p in d.place.subjects)  # type: ignore


def test_fifth_style_records_and_folders(tmp_path: Path) -> None:
    """A ParnasSys register (';', ISO dates, 'Achternaam (officieel)'), dossiers named 'Dossier 20431 (Boer de,
    Jesse)', an archive per year of leaving, Rotterdam house numbers and names of every shape."""
    root = tmp_path / FIFTH
    build_demo_school(root, style=FIFTH, seed=12)
    plan = plan_school(style=FIFTH, seed=12)
    dossiers = {d.place.path.split("/")[-2] for d in plan.docs if d.place.path.startswith("1 Leerlingen/Dossiers/")}
    assert dossiers and all(re.fullmatch(r"Dossier \d+ \([^,]+, [^)]+\)", f) for f in dossiers), dossiers
    assert any(re.match(r"5 Archief/Uitgestroomd \d{4}/Dossier \d+ ", d.place.path) for d in plan.docs)
    header = (root / "records" / "leerlingen.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    assert header[:3] == ["Leerlingnummer", "Achternaam (officieel)", "Voorvoegsel"]
    cfg = load_config(root / "avgscan.yaml")
    register = cfg.records.pupil_register
    assert register is not None and register.columns["achternaam"] == "Achternaam (officieel)"
    assert any(re.search(r"\d+(?: III| II|-A|-B| bovenhuis|-02| hs)$", p.address) for p in plan.pupils)
    surnames = {p.achternaam for p in plan.pupils}
    assert any("-" in s for s in surnames) and any(s.split()[0] in ("El", "Ben", "Da", "Dos", "Ait") for s in surnames)
    entities = _rows(root / "truth" / "expected_entities.csv")
    births = {r["value"] for r in entities if r["entity_type"] == "DATE_OF_BIRTH"}
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d", b) for b in births)
    addresses = {r["value"] for r in entities if r["entity_type"] == "ADDRESS"}
    assert any(re.search(r"(?: III| II|-A|-B| bovenhuis|-02| hs)$", a) for a in addresses)
