"""Presidio's spaCy NLP engine, able to run the NER as a second pass over chosen sentences.

The NER (tok2vec + ner) is four fifths of the pipeline's cost, and most sentences of a school file
cannot yield a new name: their capitalised words are already the register's names, diagnoses,
form labels or the school's own name. `SchoolAnalyzerEngine` first runs the tokenizer and lemmatizer
(cheap, all recognizers need them), then asks this engine for entities in the sentences that still
hold an unexplained capitalised word.

The two-pass mode needs a pipeline in which nothing but the NER depends on the tok2vec (the shipped
`nl_school`: tok2vec, ner, person check, lookup lemmatizer; the person check only reads the NER's
entities, so it runs in the second pass with them). Any other pipeline (`nl_core_news_lg`, whose
lemmatizer needs the tagger) runs whole, in one pass, as in plain Presidio.
"""

from __future__ import annotations

from collections.abc import Container

from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from spacy.attrs import IDX, ORTH
from spacy.tokens import Doc

from config.nlp.person_check import PIPE as PERSON_CHECK

NER_PIPES = ("tok2vec", "ner", PERSON_CHECK)
_MEMO_LIMIT = 500_000  # distinct word forms remembered per process (a few tens of MB at most)


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
        """Tokens, lemmas and keywords as Presidio's engine gives them. A lookup lemmatizer's lemma
        depends on the word form alone, so lemmas and keywords are remembered per word form and the
        list is built from the Doc's arrays: spaCy's lemmatizer and Presidio's artifacts make a
        Python object per token (a quarter of the first pass), here a word form is looked up once
        per process."""
        nlp = self.nlp[language]
        if not self.lookup_lemmas(language):
            return self._doc_to_nlp_artifact(nlp(text, disable=self.ner_pipes(language)), language)
        doc = nlp(text, disable=[*self.ner_pipes(language), "lemmatizer"])
        lemma_of, keywords_of = self.__dict__.setdefault("_forms", ({}, {}))
        if len(lemma_of) > _MEMO_LIMIT:
            lemma_of.clear()
            keywords_of.clear()
        lemmatizer = nlp.get_pipe("lemmatizer")
        orths = doc.to_array(ORTH).tolist()
        lemmas = []
        for i, orth in enumerate(orths):
            lemma = lemma_of.get(orth)
            if lemma is None:
                lemma = lemma_of[orth] = lemmatizer.lemmatize(doc[i])[0]
            lemmas.append(lemma)
        keywords = []
        for lemma in lemmas:
            words = keywords_of.get(lemma)
            if words is None:
                words = keywords_of[lemma] = NlpArtifacts.set_keywords(self, [lemma], language)
            keywords.extend(words)
        return _artifacts(self, doc, lemmas, keywords, language)

    def lookup_lemmas(self, language: str) -> bool:
        """Whether the split pipeline's lemmatizer looks a word form up in a table (nothing before it
        sets lemmas), so that its lemma can be remembered per form."""
        cache = self.__dict__.setdefault("_lookup", {})
        if language not in cache:
            nlp = self.nlp[language]
            lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
            cache[language] = bool(self.ner_pipes(language)) and lemmatizer is not None and (
                getattr(lemmatizer, "mode", "") == "lookup" and not getattr(lemmatizer, "overwrite", True))
        return cache[language]

    def add_entities(self, artifacts: NlpArtifacts, spans: list[tuple[int, int]], language: str,
                     text: str | None = None) -> None:
        """Run the NER over each (start, end) span of the analysed `text` (by default the Doc's, which
        spaCy rebuilds token by token), in one batch, and put the entities into `artifacts` as if the
        whole text had been through the pipeline."""
        doc = artifacts.tokens
        self.add_entities_many([(doc.text if text is None else text, artifacts, spans)], language)

    def add_entities_many(self, wanted: list[tuple[str, NlpArtifacts, list[tuple[int, int]]]], language: str
                          ) -> None:
        """`add_entities` for the texts of many items in one `nlp.pipe` batch: thinc pays per batch, and
        a school file's few windows make batches of one or two (the same windows took twice the CPU
        in per-item batches as in batches of 256, benchmarks/README.md)."""
        nlp = self.nlp[language]
        pipes = self.ner_pipes(language)
        others = [p for p in nlp.pipe_names if p not in pipes]
        check = nlp.get_pipe(PERSON_CHECK) if PERSON_CHECK in pipes else None
        check = check if hasattr(check, "judge_columns") else None
        windows = (text[start:end] for text, _, spans in wanted for start, end in spans)
        parts = iter(nlp.pipe(windows, disable=others))
        for text, artifacts, spans in wanted:
            doc = artifacts.tokens
            found = []
            for start, _ in spans:
                for ent in next(parts).ents:
                    span = doc.char_span(start + ent.start_char, start + ent.end_char, label=ent.label_,
                                         alignment_mode="contract")
                    if span is not None and len(span):
                        found.append(span)
            doc.set_ents(found, default="outside")
            if check is not None:
                check.judge_columns(doc, text)  # a table row's window lacks its header (session 31)
            artifacts.entities, artifacts.scores = self._get_updated_entities(
                self._get_entities(doc), self._get_scores_for_entities(doc))

def _artifacts(engine: SpacyNlpEngine, doc: Doc, lemmas: list[str], keywords: list[str],
               language: str) -> NlpArtifacts:
    """Presidio's NlpArtifacts with the keywords given (its constructor would compute them again)."""
    artifacts = NlpArtifacts.__new__(NlpArtifacts)
    entities, scores = engine._get_updated_entities(engine._get_entities(doc), engine._get_scores_for_entities(doc))
    artifacts.entities = entities
    artifacts.tokens = doc
    artifacts.lemmas = lemmas
    artifacts.tokens_indices = doc.to_array(IDX).tolist()
    artifacts.keywords = keywords
    artifacts.nlp_engine = engine
    artifacts.scores = scores if scores else [0.85] * len(entities)
    return artifacts


class _Vocabulary(frozenset):
    """Lemmas as a set, and the table's hashed keys (inflected forms) through `in`."""

    def __new__(cls, lemmas: frozenset[str], table: object) -> _Vocabulary:
        self = super().__new__(cls, lemmas)
        self.table = table  # type: ignore[attr-defined]
        return self

    def __contains__(self, word: object) -> bool:
        return super().__contains__(word) or (isinstance(word, str) and word in self.table)  # type: ignore[attr-defined]
