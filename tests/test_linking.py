"""Linking findings to pupils: identifiers, names, folders, rows; namesakes stay ambiguous."""

from __future__ import annotations

from scanner.detection.detect import detect
from scanner.kernel.model import Detected, TextUnit
from scanner.linking import folder_regex, link, row_keys
from scanner.unknown_children import candidates, resolve

FOLDER = folder_regex("{achternaam}, {roepnaam} ({leerlingnummer})")


def _run(analyzer, index, texts: list[str], path: str = "x.docx", columns: list[str | None] | None = None,  # noqa: ANN001
         refs: dict[str, str] | None = None):  # noqa: ANN202
    units = [TextUnit(place=f"Blad1!{'ABCDEFGH'[i]}2" if columns else f"alinea {i}", text=t,
                      column=(columns or [None] * len(texts))[i], record="Blad1!2" if columns else None)
             for i, t in enumerate(texts)]
    k = index.keyer
    findings = detect(analyzer, "share", path, units, keyer=k)
    detected = Detected(findings=findings, rows=row_keys(units, k),
                        candidates=candidates(units, findings, k),
                        ref_key=k.number(refs["leerlingnummer"]) if refs else None)
    subjects = link(path, False, detected, index, FOLDER)
    return findings, subjects, resolve(detected.candidates, findings, set(index.by_name))


def test_bsn_links_exactly(analyzer, index) -> None:  # noqa: ANN001
    findings, subjects, _ = _run(analyzer, index, ["BSN: 111222333"])
    assert [(s.leerlingnummer, s.method) for s in subjects] == [("1001", "bsn")]


def test_name_forms_link(analyzer, index) -> None:  # noqa: ANN001
    for text in ["Gesprek over Sanne de Vries.", "Vries, Sanne de (gr. 6)", "lln. S. de Vries", "Ayoub el Amrani"]:
        _, subjects, _ = _run(analyzer, index, [text])
        assert len(subjects) == 1 and not subjects[0].ambiguous, text


def test_namesakes_are_ambiguous_without_birth_date(analyzer, index) -> None:  # noqa: ANN001
    _, subjects, _ = _run(analyzer, index, ["Daan Bakker heeft dyslexie."])
    assert {s.leerlingnummer for s in subjects} == {"1002", "1003"} and all(s.ambiguous for s in subjects)


def test_birth_date_tells_namesakes_apart(analyzer, index) -> None:  # noqa: ANN001
    _, subjects, _ = _run(analyzer, index, ["Daan Bakker (geboren 06-06-2016) heeft dyslexie."])
    assert [(s.leerlingnummer, s.ambiguous) for s in subjects] == [("1003", False)]


def test_folder_name_links_and_first_name_follows(analyzer, index) -> None:  # noqa: ANN001
    findings, subjects, _ = _run(analyzer, index, ["Sanne was vandaag onrustig."],
                                 path="Dossiers/Vries, Sanne de (1001)/Verslag.docx")
    assert [s.method for s in subjects] == ["folder"]
    assert any(f.entity_type == "PERSON" and f.value == "Sanne" and f.leerlingnummer == "1001" for f in findings)


def test_first_name_alone_does_not_link_a_new_pupil(analyzer, index) -> None:  # noqa: ANN001
    findings, subjects, _ = _run(analyzer, index, ["Sanne was vandaag onrustig."])
    assert subjects == []


def test_split_name_columns_link_the_row(analyzer, index) -> None:  # noqa: ANN001
    _, subjects, _ = _run(analyzer, index, ["Amrani", "el", "Ayoub"],
                          columns=["Achternaam", "Voorvoegsel", "Roepnaam"])
    assert [s.leerlingnummer for s in subjects] == ["1004"]


def test_database_reference_links(analyzer, index) -> None:  # noqa: ANN001
    _, subjects, _ = _run(analyzer, index, ["Was onrustig."], refs={"leerlingnummer": "1002"})
    assert [(s.leerlingnummer, s.method) for s in subjects] == [("1002", "reference")]


def test_sibling_with_diagnosis_is_an_unknown_child(analyzer, index) -> None:  # noqa: ANN001
    _, _, children = _run(analyzer, index, [
        "Sanne de Vries was onrustig. Thuis speelt de zorg voor broertje Simon (3 jr., epilepsie).",
        "Nisa Horrocks (ib) heeft ADHD besproken met mevrouw Jansen."])
    assert [c.categories for c in children] == [["HEALTH"]]
    assert children[0].masked_name.startswith("S")


def test_applicant_in_intake_form_is_an_unknown_child(analyzer, index) -> None:  # noqa: ANN001
    _, _, children = _run(analyzer, index, ["Naam leerling: Kian Kamper", "Geboortedatum: 19-05-2015",
                                            "Kian Kamper is gediagnosticeerd met ADHD."])
    assert len(children) == 1


def test_staff_and_parents_are_not_unknown_children(analyzer, index) -> None:  # noqa: ANN001
    _, _, children = _run(analyzer, index, ["Nisa Horrocks (ib) bespreekt de ADHD van Sanne de Vries.",
                                            "Moeder: Karin Vries heeft epilepsie."])
    assert children == []


def test_school_names_are_not_findings(analyzer) -> None:  # noqa: ANN001
    from scanner.detection.detect import detect

    units = [TextUnit(place="alinea 1", text="CBS De Christelijke Regenboog, Jan Ligthartschool. Sanne heeft ADHD.")]
    found = detect(analyzer, "s", "x.docx", units, own_names=["CBS De Christelijke Regenboog", "Jan Ligthartschool"])
    assert {(f.entity_type, f.value) for f in found} == {("HEALTH", "ADHD"), ("PERSON", "Sanne")}
    unfiltered = detect(analyzer, "s", "x.docx", units)
    assert "RELIGION" in {f.entity_type for f in unfiltered}


def test_folder_names_link_without_the_configured_pattern(analyzer, index) -> None:  # noqa: ANN001
    from scanner.linking import _from_folder

    assert _from_folder("Dossiers/1004 - Amrani/OPP.docx", None, index) == ["1004"]
    assert _from_folder("Dossiers/Vries, Sanne de/OPP.docx", None, index) == ["1001"]
    assert _from_folder("Dossiers/Bakker, Daan/OPP.docx", None, index) == []  # two pupils: no guess
    assert _from_folder("Dossiers/2023/OPP.docx", None, index) == []
