"""Presidio's spaCy NLP engine, able to run the NER as a second pass over chosen sentences.

The NER (tok2vec + ner) is four fifths of the pipeline's cost, and most sentences of a school file
cannot yield a new name: their capitalised words are already the register's names, diagnoses,
form labels or the school's own name. `SchoolAnalyzerEngine` first runs the tokenizer and lemmatizer
(cheap, all recognizers need them), then asks this engine for entities in the sentences that still
hold an unexplained capitalised word.

The two-pass mode needs a pipeline in which nothing but the NER depends on the tok2vec (the shipped
`nl_school`: tok2vec, ner, lookup lemmatizer). Any other pipeline (`nl_core_news_lg`, whose
lemmatizer needs the tagger) runs whole, in one pass, as in plain Presidio.
"""

from __future__ import annotations

from collections.abc import Container

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

NER_PIPES = ("tok2vec", "ner")


class SchoolSpacyNlpEngine(SpacyNlpEngine):
    engine_name = "spacy_school"

    def ner_pipes(self, language: str) -> list[str]:
        """The components the second pass runs; empty when the pipeline cannot be split."""
        cache = self.__dict__.setdefault("_ner_pipes", {})
        if language not in cache:
            nlp = self.nlp[language]
            names = set(nlp.pipe_names)
            rest = names - set(NER_PIPES)
            splittable = "ner" in names and rest <= {"lemmatizer"} and (
                "lemmatizer" not in rest or getattr(nlp.get_pipe("lemmatizer"), "mode", "") == "lookup")
            cache[language] = [p for p in nlp.pipe_names if p in NER_PIPES] if splittable else []
        return cache[language]

    def dutch_words(self, language: str) -> Container[str]:
        """Word forms of the lookup lemmatizer's table (lemmas and, through `in`, inflected forms):
        a capitalised sentence opener that is an ordinary word needs no NER."""
        cache = self.__dict__.setdefault("_words", {})
        if language not in cache:
            words: Container[str] = frozenset()
            nlp = self.nlp[language]
            if "lemmatizer" in nlp.pipe_names:
                lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
                if lookups is not None and lookups.has_table("lemma_lookup"):
                    table = lookups.get_table("lemma_lookup")
                    words = _Vocabulary(frozenset(table.values()), table)
            cache[language] = words
        return cache[language]

    def process_text_without_ner(self, text: str, language: str) -> NlpArtifacts:
        doc = self.nlp[language](text, disable=self.ner_pipes(language))
        return self._doc_to_nlp_artifact(doc, language)

    def add_entities(self, artifacts: NlpArtifacts, spans: list[tuple[int, int]], language: str) -> None:
        """Run the NER over each (start, end) span of the analysed text, in one batch, and put the
        entities into `artifacts` as if the whole text had been through the pipeline."""
        nlp = self.nlp[language]
        doc = artifacts.tokens
        text = doc.text
        pipes = self.ner_pipes(language)
        others = [p for p in nlp.pipe_names if p not in pipes]
        found = []
        for (start, _), part in zip(spans, nlp.pipe((text[s:e] for s, e in spans), disable=others), strict=True):
            for ent in part.ents:
                span = doc.char_span(start + ent.start_char, start + ent.end_char, label=ent.label_,
                                     alignment_mode="contract")
                if span is not None and len(span):
                    found.append(span)
        doc.set_ents(found, default="outside")
        artifacts.entities, artifacts.scores = self._get_updated_entities(
            self._get_entities(doc), self._get_scores_for_entities(doc))


class _Vocabulary(frozenset):
    """Lemmas as a set, and the table's hashed keys (inflected forms) through `in`."""

    def __new__(cls, lemmas: frozenset[str], table: object) -> _Vocabulary:
        self = super().__new__(cls, lemmas)
        self.table = table  # type: ignore[attr-defined]
        return self

    def __contains__(self, word: object) -> bool:
        return super().__contains__(word) or (isinstance(word, str) and word in self.table)  # type: ignore[attr-defined]
