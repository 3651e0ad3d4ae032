"""The entity catalogue (config/entities.yaml): every recognizer's type has a row, a bad row stops with a
Dutch message naming it, and a new type needs its recognizer, a recognizers.yaml line and a row only."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest
import yaml

from config import CONFIG_DIR
from scanner.detection import engine
from scanner.detection.engine import RECOGNIZERS, nlp_engine
from scanner.detection.masking import STYLES, mask
from scanner.detection.recognizers.register_names import RegisterNameRecognizer
from scanner.detection.tables import CELL_CHECKS, column_type
from scanner.kernel import entities
from scanner.kernel.entities import MASK_STYLES, CatalogueError, CellCheck, catalogue, load_catalogue
from scanner.kernel.messages import set_language

ROWS = yaml.safe_load((CONFIG_DIR / "entities.yaml").read_text(encoding="utf-8"))["entities"]


# ---- every type has a row -------------------------------------------------------------------------

def test_every_entity_of_the_recognizers_has_a_row() -> None:
    """The registry config/recognizers.yaml builds (the NER's labels included) and the register's names."""
    from presidio_analyzer.recognizer_registry import RecognizerRegistryProvider

    registry = RecognizerRegistryProvider(conf_file=RECOGNIZERS, nlp_engine=nlp_engine()).create_recognizer_registry()
    listed = {r["name"] for r in yaml.safe_load(RECOGNIZERS.read_text(encoding="utf-8"))["recognizers"]}
    assert {r.name for r in registry.recognizers} == listed  # each line of the YAML became a recognizer
    declared = {e for r in [*registry.recognizers, RegisterNameRecognizer([])] for e in r.supported_entities}
    assert {"PERSON", "NL_BSN", "HEALTH", "LOCATION"} <= declared
    assert declared - set(catalogue().types) == set()


DECLARED = re.compile(r'supported_entit(?:y|ies)(?:: str)?\s*=\s*\[?"([A-Z][A-Z0-9_]*)"'
                      r'|RecognizerResult\(\s*"([A-Z][A-Z0-9_]*)"')


def test_every_entity_a_recognizer_file_names_has_a_row() -> None:
    """Also a type a recognizer file returns without declaring it, or one not in recognizers.yaml yet."""
    folder = Path(__file__).resolve().parents[1] / "scanner" / "detection" / "recognizers"
    named = {a or b for path in folder.glob("*.py") for a, b in DECLARED.findall(path.read_text(encoding="utf-8"))}
    assert {"NL_BSN", "ADDRESS", "DATE_OF_BIRTH", "PERSON"} <= named
    assert named - set(catalogue().types) == set()


def test_reported_types_cover_the_report_contract() -> None:
    contract = (Path(__file__).resolve().parents[1] / "docs" / "report-contract.md").read_text(encoding="utf-8")
    for name in catalogue().reported:
        assert f"`{name}`" in contract, name


def test_every_mask_style_and_cell_check_is_implemented() -> None:
    assert set(STYLES) == set(MASK_STYLES)
    assert set(CELL_CHECKS) == set(CellCheck.__args__)  # type: ignore[attr-defined]


def test_the_rows_give_the_behaviour_the_lists_gave() -> None:
    cat = catalogue()
    assert cat.special_categories == ("HEALTH", "YOUTH_CARE", "CRIMINAL", "RELIGION", "ETHNICITY")
    assert cat.breach_types == {*cat.special_categories, "NL_BSN"}
    assert cat.contact_types == {"ADDRESS", "NL_POSTCODE", "PHONE_NUMBER", "EMAIL_ADDRESS"}
    assert min(cat.priority, key=cat.priority.__getitem__) == "EMAIL_ADDRESS"
    assert max(cat.priority, key=cat.priority.__getitem__) == "PERSON"
    assert "LOCATION" not in cat.reported and cat.group_types["PSY"] == "HEALTH"
    assert mask("NL_BSN", "111222333") == "******333" and mask("HEALTH", "ADHD") == "A… (health)"
    assert column_type("Geb. datum") == "DATE_OF_BIRTH" and column_type("Achternaam moeder") == "PERSON"
    assert column_type("E-mail ouder 1") == "EMAIL_ADDRESS"


def test_a_header_is_listed_once() -> None:
    """config/form_fields.yaml lists only the fields and labels that are no entity type's header."""
    from scanner.kernel.text import norm_header

    data = yaml.safe_load((CONFIG_DIR / "form_fields.yaml").read_text(encoding="utf-8"))
    other = [norm_header(h) for hs in data["name_fields"].values() for h in hs] + [norm_header(w) for w in
                                                                                   data["form_labels"]]
    assert len(other) == len(set(other))
    assert set(other) & set(catalogue().header_types) == set()
    assert catalogue().header_fields["geslachtsnaam"] == "achternaam"


def test_the_policy_takes_consent_categories_from_the_catalogue_and_a_school_overrides_one(tmp_path: Path) -> None:
    from scanner.config import build_config

    raw = {"sources": [{"name": "share", "type": "filesystem", "path": str(tmp_path)}],
           "policy": {"categories": {"entity_types": {"IBAN_CODE": "financieel"}}}}
    cats = build_config(raw, "avgscan.yaml", tmp_path).policy.categories.entity_types
    assert cats["IBAN_CODE"] == "financieel" and cats["NL_BSN"] == "onderwijsgegevens"
    assert cats["RELIGION"] == "gezinssituatie" and "HEALTH" not in cats  # a diagnosis: its lexicon group decides


# ---- a bad catalogue ----------------------------------------------------------------------------

def _write(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "entities.yaml"
    path.write_text(yaml.safe_dump({"entities": rows}, allow_unicode=True), encoding="utf-8")
    return path


BSN = next(r for r in ROWS if r["type"] == "NL_BSN")


@pytest.mark.parametrize(("row", "where", "words"), [
    ({**BSN, "mask": "half"}, "entities[1] (NL_BSN): mask", "onbekende maskering"),
    ({**BSN, "breach": "soms"}, "entities[1] (NL_BSN): breach", ""),
    ({**BSN, "colour": "rood"}, "entities[1] (NL_BSN): colour", "onbekende sleutel"),
    ({k: v for k, v in BSN.items() if k != "priority"}, "entities[1] (NL_BSN)", "priority nodig"),
    ({**BSN, "type": "nl bsn"}, "entities[1] (nl bsn): type", "hoofdletters"),
    ({**BSN, "key": "hash"}, "entities[1] (NL_BSN): key", ""),
    ({**BSN, "special_category": True}, "entities[1] (NL_BSN)", "kind: term"),
    ({**BSN, "headers": ["E-mail"]}, "entities[1] (NL_BSN): headers",
     "'email' staat ook in entities[0] (EMAIL_ADDRESS)"),
    ({**BSN, "priority": 1}, "entities[1] (NL_BSN): priority", "staat ook in entities[0]"),
    ({**BSN, "type": "EMAIL_ADDRESS", "headers": []}, "entities[1] (EMAIL_ADDRESS): type", "staat ook in"),
])
def test_a_bad_row_is_named_in_dutch(tmp_path: Path, row: dict[str, object], where: str, words: str) -> None:
    email = next(r for r in ROWS if r["type"] == "EMAIL_ADDRESS")
    path = _write(tmp_path, [email, row])
    with pytest.raises(CatalogueError) as err:
        load_catalogue(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {where}"), message
    assert words in message


def test_a_broken_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "entities.yaml"
    path.write_text("entities:\n  - type: [NL_BSN\n", encoding="utf-8")
    with pytest.raises(CatalogueError, match="is geen geldige YAML"):
        load_catalogue(path)
    with pytest.raises(CatalogueError, match="bestaat niet"):
        load_catalogue(tmp_path / "missing.yaml")


def test_a_bad_catalogue_stops_the_scan_before_it_starts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    from scanner.cli import main

    monkeypatch.setattr(entities, "CATALOGUE_FILE", _write(tmp_path, [{**BSN, "mask": "half"}]))
    (tmp_path / "share").mkdir()
    assert main(["scan", str(tmp_path / "share"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "kan niet starten" in err and "entities[0] (NL_BSN): mask: onbekende maskering" in err
    assert not (tmp_path / "out" / "report.json").exists()


def test_the_error_speaks_english_when_asked(tmp_path: Path) -> None:
    path = _write(tmp_path, [{**BSN, "mask": "half"}])
    set_language("en")
    try:
        with pytest.raises(CatalogueError, match="unknown mask"):
            load_catalogue(path)
    finally:
        set_language("nl")


# ---- a new type: its recognizer, a recognizers.yaml line and a row --------------------------------

RECOGNIZER_MODULE = '''
import re

from presidio_analyzer import EntityRecognizer, RecognizerResult


class SchoolPassRecognizer(EntityRecognizer):
    """A school pass number, 'LP-483920'."""

    def __init__(self, supported_language: str = "nl", name: str | None = None) -> None:
        super().__init__(supported_entities=["SCHOOL_PASS"], supported_language=supported_language,
                         name=name or "SchoolPassRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text, entities, nlp_artifacts=None):
        return [RecognizerResult("SCHOOL_PASS", m.start(), m.end(), 0.9,
                                 recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name})
                for m in re.finditer(r"\\bLP-\\d{6}\\b", text)]
'''

PASS_ROW = {"type": "SCHOOL_PASS", "label": "leerlingpas", "priority": 16, "kind": "value", "mask": "last:2",
            "consent_category": "onderwijsgegevens", "headers": ["pasnummer"]}


def _new_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, breach: bool) -> Path:
    """The three places a new type is written: its recognizer (a module of its own), a line in a copy of
    config/recognizers.yaml, a row in a copy of config/entities.yaml. Then a scan of an open folder."""
    (tmp_path / "school_pass.py").write_text(RECOGNIZER_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("school_pass")  # defines the EntityRecognizer subclass Presidio's YAML loader finds
    registry = yaml.safe_load(RECOGNIZERS.read_text(encoding="utf-8"))
    registry["recognizers"].append({"name": "SchoolPassRecognizer", "type": "predefined",
                                    "supported_languages": ["nl"]})
    (tmp_path / "recognizers.yaml").write_text(yaml.safe_dump(registry), encoding="utf-8")
    monkeypatch.setattr(engine, "RECOGNIZERS", tmp_path / "recognizers.yaml")
    rows = [*ROWS, {**PASS_ROW, "breach": breach}]
    monkeypatch.setattr(entities, "CATALOGUE_FILE", _write(tmp_path, rows))

    share = tmp_path / "share" / "Gedeeld"
    share.mkdir(parents=True)
    (share / "gymzaal.txt").write_text("De sleutel van de gymzaal hoort bij pas LP-483920.\n", encoding="utf-8")
    (share / "passen.csv").write_text("Pasnummer;Uitgifte\n771204;2025-09-01\n", encoding="utf-8")
    (tmp_path / "avgscan.yaml").write_text(yaml.safe_dump({"sources": [
        {"name": "share", "type": "filesystem", "path": str(tmp_path / "share"), "roles": {"Gedeeld": "open"}}]}),
        encoding="utf-8")
    from scanner.cli import main

    out = tmp_path / "out"
    assert main(["scan", "--config", str(tmp_path / "avgscan.yaml"), "--out", str(out), "--workers", "1",
                 "--as-of", "2026-11-29"]) == 1
    return out / "report.json"


def test_a_new_entity_type_is_detected_masked_reported_and_a_breach(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(_new_type(tmp_path, monkeypatch, breach=True).read_text(encoding="utf-8"))
    found = {(f["path"], f["evidence"], f["recognizer"])
             for f in report["findings"] if f["entity_type"] == "SCHOOL_PASS"}
    assert found == {("Gedeeld/gymzaal.txt", "******20", "SchoolPassRecognizer"),  # recognizer, masked last:2
                     ("Gedeeld/passen.csv", "****04", "ColumnClassifier")}  # the row's header
    assert all("value" not in f for f in report["findings"])
    opened = [v for v in report["violations"] if v["rule"] == "open-access"]
    assert {v["path"] for v in opened} == {"Gedeeld/gymzaal.txt", "Gedeeld/passen.csv"}
    assert all(v["severity"] == "hoog" for v in opened)
    breaches = {b["path"]: b["categories"] for b in report["possible_breaches"]}
    assert breaches == {"Gedeeld/gymzaal.txt": ["SCHOOL_PASS"], "Gedeeld/passen.csv": ["SCHOOL_PASS"]}


def test_a_new_entity_type_without_the_breach_flag_is_no_breach(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    report = json.loads(_new_type(tmp_path, monkeypatch, breach=False).read_text(encoding="utf-8"))
    assert any(f["entity_type"] == "SCHOOL_PASS" for f in report["findings"])
    opened = [v for v in report["violations"] if v["rule"] == "open-access"]
    assert opened and all(v["severity"] == "middel" for v in opened)
    assert report["possible_breaches"] == []


def test_the_shipped_catalogue_is_back_after_a_test_swapped_it() -> None:
    assert "SCHOOL_PASS" not in catalogue().types and entities.CATALOGUE_FILE == CONFIG_DIR / "entities.yaml"
