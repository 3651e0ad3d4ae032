"""Presidio's AnalyzerEngine for Dutch school files: the NER runs where it can still find a name.

`analyze()` keeps Presidio's contract (same arguments, same kind of results) and does the work in
two passes when the NLP engine can split its pipeline (see nlp_engine.py): tokens and lemmas for all
recognizers first, then the NER on the sentences `ner_gate` selects, whose entities go through
Presidio's own SpacyRecognizer. The results differ from one pass only where the NER could not have
added a name (measured in benchmarks/README.md). With any other engine it is plain Presidio.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from typing import Any

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerResult
from presidio_analyzer.predefined_recognizers import SpacyRecognizer

from scanner.detection.name_evidence import adds_no_name, no_name_evidence
from scanner.detection.ner_gate import FUNCTION_WORDS, SALUTATIONS, lower_case_words, ner_windows, own_names_pattern
from scanner.detection.nlp_engine import SchoolSpacyNlpEngine
from scanner.detection.spans import within_cell
from scanner.kernel.names import PARTICLES

NER_RECOGNIZER = "SpacyRecognizer"
# Text `prepare` holds analysed at once: every text's first-pass Doc lives until the NER batch has
# run, and a worker that grows past limits.worker_max_mb is replaced. A school file's windows are
# few, so a batch of this much text is already large for the NER.
PREPARE_CHARS = 128_000

# words that open a Dutch surname ('Van Dijk, Jan', 'De Vries'): never cut off a name
NAME_PARTICLES = PARTICLES - {"uit"}  # 'Uit Almere kwam ...' is a preposition far more often than 'Uit den Bogaard'
_FIRST_WORD = re.compile(r"(\w+)(?:[\s,]+|$)")


def without_salutation(text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """'Hallo Merijn' -> 'Merijn': a greeting that opens an e-mail is not part of the name.

    Statistical NER models (ours and spaCy's) sometimes take it in; the name alone is what
    linking must compare with the register.
    """
    kept = []
    for r in results:
        if r.entity_type == "PERSON":
            m = _FIRST_WORD.match(text, r.start, r.end)
            first = m.group(1).casefold() if m else ""
            if m and (first in SALUTATIONS or (first in FUNCTION_WORDS and first not in NAME_PARTICLES)):
                if not text[m.end():r.end].strip():
                    continue  # the greeting alone ('Geachte ouder(s)')
                if text[m.end():r.end][:1].isupper():
                    r.start = m.end()  # 'Hallo Merijn', 'Bij Adam is ...': the name is what follows
        kept.append(r)
    return kept


def within_cells(results: list[RecognizerResult], text: str) -> list[RecognizerResult]:
    """A name never spans two table cells ('Afscheid | Musical'), so it is judged per cell."""
    kept = []
    for r in results:
        span = within_cell(text, r.start, r.end) if r.entity_type == "PERSON" else (r.start, r.end)
        if span is not None:
            r.start, r.end = span
            kept.append(r)
    return kept


def with_name_evidence(text: str, results: list[RecognizerResult], dutch_words: Container[str] = frozenset()
                       ) -> list[RecognizerResult]:
    """The NER's PERSON spans that name_evidence.py explains as something else (a law, a heading, a
    month, a disease, an organisation) are dropped; other recognizers' names carry their own evidence."""
    lower: set[str] | None = None
    kept = []
    for r in results:
        meta = r.recognition_metadata or {}
        if r.entity_type == "PERSON" and meta.get(RecognizerResult.RECOGNIZER_NAME_KEY) == NER_RECOGNIZER:
            if lower is None:
                lower = lower_case_words(text)
            if no_name_evidence(text, r.start, r.end, lower, dutch_words):
                continue
        kept.append(r)
    return kept


class SchoolAnalyzerEngine(AnalyzerEngine):
    def __init__(self, *args: Any, own_names: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.own_names = own_names_pattern(tuple(own_names or ()))
        self._ready: dict[tuple[str, str, float | None], list[RecognizerResult]] = {}  # by `prepare`

    def analyze(self, text: str, language: str, entities: list[str] | None = None,  # type: ignore[override]
                score_threshold: float | None = None, nlp_artifacts: Any = None,
                return_decision_process: bool = False, **kwargs: Any) -> list[RecognizerResult]:
        if not (entities or nlp_artifacts is not None or return_decision_process or kwargs):
            ready = self._ready.pop((text, language, score_threshold), None)
            if ready is not None:
                return ready
        results = self._analyze(text, language, entities=entities, score_threshold=score_threshold,
                                nlp_artifacts=nlp_artifacts, return_decision_process=return_decision_process, **kwargs)
        return self._judged(text, language, results)

    def prepare(self, texts: Iterable[str], language: str, score_threshold: float | None = None) -> None:
        """Analyse `texts` now, with the NER over all their windows in one batch, for the `analyze()`
        calls that will ask for them (each answer is given once, then forgotten). A worker's batch
        holds many small files; their windows together make one NER batch instead of one each."""
        engine = self.nlp_engine
        if not isinstance(engine, SchoolSpacyNlpEngine) or not engine.ner_pipes(language):
            return
        group: list[str] = []
        size = 0
        for text in dict.fromkeys(texts):
            if group and size + len(text) > PREPARE_CHARS:
                self._prepare(group, language, score_threshold)
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            self._prepare(group, language, score_threshold)

    def _prepare(self, texts: list[str], language: str, score_threshold: float | None) -> None:
        engine: SchoolSpacyNlpEngine = self.nlp_engine  # type: ignore[assignment]
        firsts = [(text, *self._first_pass(text, language, score_threshold)) for text in texts]
        engine.add_entities_many([(text, artifacts, spans) for text, artifacts, _, spans in firsts if spans], language)
        for text, artifacts, results, spans in firsts:
            if spans:
                results += self._ner_results(text, artifacts, language, score_threshold, None, False)
            self._ready[(text, language, score_threshold)] = self._judged(text, language, results)

    def forget(self) -> None:
        """Drop what `prepare` made and no one asked for (an item that failed before its detection)."""
        self._ready.clear()

    def _judged(self, text: str, language: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
        engine = self.nlp_engine
        words = engine.dutch_words(language) if isinstance(engine, SchoolSpacyNlpEngine) else frozenset()
        results = with_name_evidence(text, within_cells(without_salutation(text, results), text), words)
        return EntityRecognizer.remove_duplicates(results)

    def ner_windows(self, artifacts: Any, results: list[RecognizerResult], language: str, text: str | None = None
                    ) -> list[tuple[int, int]]:
        """The windows of the first pass's text that the NER reads (ner_gate.py), with the name
        evidence rules as the judge of words no kept span can hold."""
        words = self.nlp_engine.dutch_words(language)  # type: ignore[attr-defined]
        return ner_windows(artifacts.tokens, results, self.own_names, words,
                           lambda text, start, word: adds_no_name(text, start, word, words), text)

    def _first_pass(self, text: str, language: str, score_threshold: float | None, entities: list[str] | None = None,
                    return_decision_process: bool = False, **kwargs: Any
                    ) -> tuple[Any, list[RecognizerResult], list[tuple[int, int]]]:
        """Every recognizer but the NER's on tokens and lemmas, and the windows the NER must read."""
        artifacts = self.nlp_engine.process_text_without_ner(text, language)  # type: ignore[attr-defined]
        results = super().analyze(text, language, entities=entities, score_threshold=score_threshold,
                                  nlp_artifacts=artifacts, return_decision_process=return_decision_process,
                                  **kwargs)
        return artifacts, results, self.ner_windows(artifacts, results, language, text)

    def _ner_results(self, text: str, artifacts: Any, language: str, score_threshold: float | None,
                     entities: list[str] | None, return_decision_process: bool) -> list[RecognizerResult]:
        """Presidio's own SpacyRecognizer over the entities the NER put into `artifacts`."""
        threshold = self.default_score_threshold if score_threshold is None else score_threshold
        wanted = entities or self.get_supported_entities(language=language)
        results = []
        for recognizer in self.registry.get_recognizers(language=language, entities=entities,
                                                        all_fields=not entities):
            if isinstance(recognizer, SpacyRecognizer):
                for r in recognizer.analyze(text=text, entities=wanted, nlp_artifacts=artifacts):
                    if r.score >= threshold:
                        if not return_decision_process:
                            r.analysis_explanation = None
                        results.append(r)
        return results

    def _enhance_using_context(self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: Any,
                               recognizers: list[EntityRecognizer], context: list[str] | None = None
                               ) -> list[RecognizerResult]:
        """Presidio's step with the results grouped by recognizer in one pass: Presidio filters all
        results twice per recognizer, to hand each recognizer's own to a method that only a few
        recognizers override (the others return them unchanged). Same results, same order."""
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        mine: dict[str, list[RecognizerResult]] = {}
        for r in raw_results:
            mine.setdefault(r.recognition_metadata[key], []).append(r)
        results: list[RecognizerResult] = []
        for recognizer in recognizers:
            own = mine.get(recognizer.id, [])
            if type(recognizer).enhance_using_context is not EntityRecognizer.enhance_using_context:
                own = recognizer.enhance_using_context(
                    text=text, raw_recognizer_results=own,
                    other_raw_recognizer_results=[r for r in raw_results
                                                  if r.recognition_metadata[key] != recognizer.id],
                    nlp_artifacts=nlp_artifacts, context=context)
            results.extend(own)
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=results, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context)

    def _analyze(self, text: str, language: str, entities: list[str] | None, score_threshold: float | None,
                 nlp_artifacts: Any, return_decision_process: bool, **kwargs: Any) -> list[RecognizerResult]:
        engine = self.nlp_engine
        if (nlp_artifacts is not None or not isinstance(engine, SchoolSpacyNlpEngine)
                or not engine.ner_pipes(language)):
            return super().analyze(text, language, entities=entities, score_threshold=score_threshold,
                                   nlp_artifacts=nlp_artifacts, return_decision_process=return_decision_process,
                                   **kwargs)
        artifacts, results, spans = self._first_pass(text, language, score_threshold, entities,
                                                     return_decision_process, **kwargs)
        if not spans:
            return results
        engine.add_entities(artifacts, spans, language, text)
        return results + self._ner_results(text, artifacts, language, score_threshold, entities,
                                           return_decision_process)
