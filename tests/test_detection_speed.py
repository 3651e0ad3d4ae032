"""The faster detection path must give Presidio's answers: the linear context enhancer the same
scores as Presidio's own, the NER gate the same names wherever a name can be found."""

from __future__ import annotations

import spacy
from presidio_analyzer import AnalyzerEngine
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer

from scanner.detection.analyzer import SchoolAnalyzerEngine
from scanner.detection.engine import build_analyzer
from scanner.detection.ner_gate import FUNCTION_WORDS, ordinary_word, sentence_spans
from scanner.detection.nlp_engine import SchoolSpacyNlpEngine
from scanner.records.loading import Records
from tests.conftest import PUPILS

TEXTS = [
    "BSN leerling: 111222333. Telefoon ouders 06-12345678, e-mail ouders@voorbeeld.nl.",
    "Rekeningnummer NL91 ABNA 0417 1643 00 op naam van de moeder; postcode 1318 AB Almere.",
    "Geboren op 03-02-2014 te Almere. Onderwijsnummer 101010104, adres Kasteeldreef 12.",
    ("Verslag van het gesprek met de ouders. Zij vertelden dat hun zoon slecht slaapt. " * 40
     + "Het burgerservicenummer is 111222333 en het telefoonnummer 020-1234567."),
]


def _as_tuples(results: list) -> list[tuple]:  # noqa: ANN001
    return sorted((r.entity_type, r.start, r.end, round(r.score, 6)) for r in results)


def test_linear_context_enhancer_scores_like_presidios(analyzer: SchoolAnalyzerEngine) -> None:
    presidio = AnalyzerEngine(nlp_engine=analyzer.nlp_engine, registry=analyzer.registry, supported_languages=["nl"],
                              context_aware_enhancer=LemmaContextAwareEnhancer())
    linear = AnalyzerEngine(nlp_engine=analyzer.nlp_engine, registry=analyzer.registry, supported_languages=["nl"],
                            context_aware_enhancer=analyzer.context_aware_enhancer)
    boosted = 0
    for text in TEXTS:
        theirs = presidio.analyze(text=text, language="nl", return_decision_process=True)
        ours = linear.analyze(text=text, language="nl", return_decision_process=True)
        assert _as_tuples(ours) == _as_tuples(theirs), text[:40]
        boosted += sum(bool(r.analysis_explanation and r.analysis_explanation.supportive_context_word) for r in ours)
    assert boosted, "the texts must contain context words, or this compares nothing"


def test_the_context_step_copies_only_what_it_changes(analyzer: SchoolAnalyzerEngine) -> None:
    """Session 38: a result no context word supports is passed on as it is (Presidio deep-copied every one); a
    boosted one is a copy, and the caller's results keep their scores."""
    text = TEXTS[0] + " Op het briefje in de gang stond verder alleen 020-7654321 geschreven."
    artifacts = analyzer.nlp_engine.process_text_without_ner(text, "nl")
    recognizers = analyzer.registry.get_recognizers(language="nl", all_fields=True)
    raw = [r for rec in recognizers if rec.context
           for r in rec.analyze(text=text, entities=rec.supported_entities, nlp_artifacts=artifacts)]
    for r in raw:
        r.recognition_metadata = {**(r.recognition_metadata or {}), "recognizer_identifier": next(
            rec.id for rec in recognizers if rec.name == r.recognition_metadata["recognizer_name"])}
    before = [r.score for r in raw]
    out = analyzer.context_aware_enhancer.enhance_using_context(text, raw, artifacts, recognizers)
    assert [r.score for r in raw] == before
    supported = [bool(o.analysis_explanation and o.analysis_explanation.supportive_context_word) for o in out]
    assert any(supported) and not all(supported), supported
    assert [o is not r for o, r in zip(out, raw, strict=True)] == supported


def test_context_step_grouped_in_one_pass_keeps_presidios_results_and_order(analyzer: SchoolAnalyzerEngine) -> None:
    presidio = AnalyzerEngine(nlp_engine=analyzer.nlp_engine, registry=analyzer.registry, supported_languages=["nl"],
                              context_aware_enhancer=analyzer.context_aware_enhancer)
    compared = 0
    for text in TEXTS:
        artifacts = analyzer.nlp_engine.process_text_without_ner(text, "nl")
        theirs = presidio.analyze(text=text, language="nl", nlp_artifacts=artifacts)
        ours = AnalyzerEngine.analyze(analyzer, text, "nl", nlp_artifacts=artifacts)  # with SchoolAnalyzerEngine's step
        compared += len(ours)
        assert [(r.entity_type, r.start, r.end, r.score) for r in ours] == [
            (r.entity_type, r.start, r.end, r.score) for r in theirs], text[:40]
    assert compared >= 8


def _windows(analyzer: SchoolAnalyzerEngine, text: str) -> list[str]:
    engine = analyzer.nlp_engine
    artifacts = engine.process_text_without_ner(text, "nl")
    results = AnalyzerEngine.analyze(analyzer, text, "nl", nlp_artifacts=artifacts)
    return [text[s:e] for s, e in analyzer.ner_windows(artifacts, results, "nl")]


def test_gate_skips_sentences_whose_capitals_are_explained() -> None:
    analyzer = build_analyzer(Records(pupils=PUPILS, consents=[]).known_people(), own_names=["De Kompasroos"])
    explained = ("Sanne de Vries heeft vandaag goed gewerkt.\n"     # a register name
                 "Naam: Daan Bakker\n"                              # a form label and a register name
                 "Huiswerk wordt elke week besproken.\n"          # an ordinary word opening a sentence
                 "De Kompasroos organiseert een ouderavond.\n"      # the school's own name
                 "Er is sprake van ADHD.")                           # a special category term
    assert _windows(analyzer, explained) == []


def test_gate_skips_abbreviations_organisations_and_labels() -> None:
    """Capitalised words that no kept NER span can hold (name_evidence would drop it): a letterhead's
    BRIN and KvK, a department in capitals, an organisation's name, a form label inside a line, a word
    Dutch never writes as a proper noun (the title run on after the letterhead)."""
    analyzer = build_analyzer([], own_names=["Stichting Flevo Speciaal", "De Kompasroos"])
    explained = ("Stichting Flevo Speciaal | De Kompasroos | BRIN 27KR | KvK 61837420 Voortgangsverslag\n"
                 "Zij zit in VSO 6 en het MDO is volgende week.\n"
                 "Vastgesteld door Kinderpraktijk De Wissel in 2018.\n"
                 "Groep: groep 6  Leerling: onbekend  Datum: 26-10-2026")
    assert _windows(analyzer, explained) == []
    for line in ("Zij zit in VSO 6 met Mehmet Kraaijenbrink.",   # an unknown name after an abbreviation
                 "Zij kwam met ANNA naar school.",               # a known first name in capitals
                 "Zij zit bij Yusuf in de klas.",                # a name that is no ordinary word
                 "Verslag van Jan Visser."):                     # a surname that is also a word
        assert _windows(analyzer, line) == [line], line


def test_gate_skips_abbreviation_compounds_places_and_languages() -> None:
    """A hyphenated word with an abbreviation part, a place, a language or a people that is no name:
    the sentences a care file is full of ('op AVI-niveau E5', 'door Jeugd-GGZ Flevoland', 'Thuistaal is
    Pools') need no NER; names written alike still go ('Al-Ahmad', 'Engels' is a surname too)."""
    analyzer = build_analyzer([], own_names=[])
    explained = ("Zij leest op AVI-niveau E5 en rekent op niveau 1F.\n"
                 "Vastgesteld door Jeugd-GGZ Flevoland in 2024.\n"
                 "Thuistaal is Pools; het gezin woont sinds 2025 in Nederland.\n"
                 "Het gezin is uit Syrië gevlucht.\n"
                 "De ICT-coördinator regelt de laptops voor Syrische en Turkse leerlingen.")
    assert _windows(analyzer, explained) == []
    for line in ("Zij zit bij Yara Al-Ahmad in de klas.",         # a hyphenated surname
                 "Zij zit bij Sanne Engels in de klas.",          # a language that is also a surname
                 "De ICT-coördinator Mehmet Kraaijenbrink belt."):  # a name after an abbreviation compound
        assert _windows(analyzer, line) == [line], line


def test_an_abbreviation_compound_is_no_name() -> None:
    from scanner.detection.name_evidence import abbreviation_compound, no_name_evidence

    assert all(abbreviation_compound(w) for w in ("AVI-niveau", "Jeugd-GGZ", "ICT-coördinator", "MR-lid"))
    assert not any(abbreviation_compound(w) for w in ("Al-Ahmad", "Coret-Coredo", "Jan-Willem", "AVI",
                                                      "Vries-Bakker", "GGZ-Jansen"))
    text = "Zij leest op AVI-niveau E5."
    start = text.index("AVI")
    assert no_name_evidence(text, start, start + len("AVI-niveau"), set()) == "afkorting"


def test_gate_sends_unknown_names_with_their_neighbours() -> None:
    analyzer = build_analyzer([], own_names=[])
    text = ("Het gesprek vond plaats op school.\n"
            "Haar broertje Mehmet Kraaijenbrink zit in groep 3.\n"
            "Verder geen bijzonderheden.\n"
            "Huiswerk volgt.")
    windows = _windows(analyzer, text)
    assert len(windows) == 1
    assert windows[0].startswith("Het gesprek") and windows[0].endswith("Verder geen bijzonderheden.")


def test_two_passes_find_the_names_one_pass_finds() -> None:
    analyzer = build_analyzer([], own_names=[])
    plain = AnalyzerEngine(nlp_engine=analyzer.nlp_engine, registry=analyzer.registry, supported_languages=["nl"],
                           context_aware_enhancer=analyzer.context_aware_enhancer)
    text = ("Op 12 maart is er een gesprek geweest met de moeder van de leerling.\n"
            "Aanwezig waren mevrouw Jansen en meneer Okafor van het wijkteam.\n"
            "Zijn zus Noor Verhoeven komt volgend jaar ook naar school.")
    def names(engine: AnalyzerEngine) -> set[str]:
        return {text[r.start:r.end] for r in engine.analyze(text=text, language="nl") if r.entity_type == "PERSON"}

    assert names(analyzer) == names(plain)
    assert {"Okafor", "Noor Verhoeven"} <= names(analyzer)


def test_pipelines_that_cannot_split_run_whole() -> None:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    engine = SchoolSpacyNlpEngine(models=[{"lang_code": "nl", "model_name": "in-memory"}])
    engine.nlp = {"nl": nlp}
    assert engine.ner_pipes("nl") == []
    shipped = build_analyzer([]).nlp_engine
    assert shipped.ner_pipes("nl") == ["tok2vec", "ner", "person_check"]  # the check reads the NER's entities


def test_sentences_and_function_words() -> None:
    text = "Eerste zin. Tweede zin!\nDerde regel zonder punt\n\n  \nVierde?"
    assert [text[s:e].strip() for s, e in sentence_spans(text)] == [
        "Eerste zin.", "Tweede zin!", "Derde regel zonder punt", "Vierde?"]
    assert {"de", "tijdens", "omdat", "hij"} <= FUNCTION_WORDS
    assert "daan" not in FUNCTION_WORDS


def test_a_long_sentence_is_its_own_context() -> None:
    analyzer = build_analyzer([], own_names=[])
    long = "Tijdens de bespreking in de zorgcommissie vertelde Mehmet Kraaijenbrink over zijn nieuwe school."
    text = f"Het gesprek vond plaats op school.\n{long}\nVerder geen bijzonderheden."
    assert _windows(analyzer, text) == [long]


def test_ordinary_words_and_the_place_after_a_postcode() -> None:
    analyzer = build_analyzer([], own_names=[])
    words = analyzer.nlp_engine.dutch_words("nl")
    assert ordinary_word("afspraken", words) and ordinary_word("intakeformulier", words)
    assert not ordinary_word("kraaijenbrink", words) and not ordinary_word("jansen", words)
    assert _windows(analyzer, "Afspraken\nKemphaanpad 4, 1358 AC Almere") == []
    assert _windows(analyzer, "Afspraken met Kraaijenbrink") == ["Afspraken met Kraaijenbrink"]


def test_remembered_lemmas_are_presidios(analyzer: SchoolAnalyzerEngine) -> None:
    """The first pass's lemmas, keywords and token offsets, built from word forms looked up once per
    process, are what Presidio's engine gives after spaCy's lemmatizer ran over every token."""
    engine = analyzer.nlp_engine
    assert engine.lookup_lemmas("nl"), "the shipped pipeline has a lookup lemmatizer"
    nlp = engine.nlp["nl"]
    for text in [*TEXTS, "Gesprekken: de OUDERS en Jan's zus - e-mail: x@y.nl; 12:30 uur.\n\tZij kwamen niet."]:
        for _ in range(2):  # the second time every form comes from memory
            ours = engine.process_text_without_ner(text, "nl")
            theirs = SchoolSpacyNlpEngine._doc_to_nlp_artifact(engine, nlp(text, disable=engine.ner_pipes("nl")), "nl")
            assert ours.lemmas == theirs.lemmas
            assert ours.keywords == theirs.keywords
            assert ours.tokens_indices == theirs.tokens_indices
            assert [t.text for t in ours.tokens] == [t.text for t in theirs.tokens]
            assert ours.entities == theirs.entities == []
