"""Presidio's lemma context enhancer, with the same results in linear time.

Presidio 2.2's `LemmaContextAwareEnhancer` deep-copies every result of a call, walks the Doc from
its start to find each result's token and tests lemmas against a list: per call that is quadratic
in the text length, and it was a fifth of avgscan's detection time. This subclass keeps Presidio's
rules (window, factor, minimum score, substring matching) and changes only how the token and the
keywords are looked up; results whose recognizer has no context words are passed through
untouched instead of copied, and so are those no context word supports (session 38: two thirds of them); a
result whose score changes is copied shallowly (score, metadata and explanation: all the step changes)
instead of deeply.
"""

from __future__ import annotations

import bisect
import copy

from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer, LemmaContextAwareEnhancer
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc


class LinearLemmaContextEnhancer(LemmaContextAwareEnhancer):
    def enhance_using_context(self, text: str, raw_results: list[RecognizerResult], nlp_artifacts: NlpArtifacts,
                              recognizers: list[EntityRecognizer], context: list[str] | None = None
                              ) -> list[RecognizerResult]:
        with_context = {r.id for r in recognizers if r.context}
        needs = [RecognizerResult.RECOGNIZER_IDENTIFIER_KEY in (r.recognition_metadata or {})
                 and r.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY] in with_context
                 for r in raw_results]
        if not any(needs) or nlp_artifacts is None:
            return list(raw_results)
        by_id = {r.id: r for r in recognizers}
        extra = [word.lower() for word in context or []]
        enhanced_key = RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY
        out = []
        for result, need in zip(raw_results, needs, strict=True):
            if not need or result.recognition_metadata.get(enhanced_key):
                out.append(result)
                continue
            recognizer = by_id[result.recognition_metadata[RecognizerResult.RECOGNIZER_IDENTIFIER_KEY]]
            words = self._extract_surrounding_words(nlp_artifacts, text[result.start:result.end], result.start)
            supportive = self._find_supportive_word_in_context(words + extra, recognizer.context,
                                                               self.context_matching_mode)
            if supportive != "":
                result = _copy(result)  # only a result whose score changes (Presidio deep-copied every one)
                result.score = min(max(result.score + self.context_similarity_factor,
                                       self.min_score_with_context_similarity), ContextAwareEnhancer.MAX_SCORE)
                if result.analysis_explanation is not None:
                    result.analysis_explanation.set_supportive_context_word(supportive)
                    result.analysis_explanation.set_improved_score(result.score)
            out.append(result)
        return out

    def _extract_surrounding_words(self, nlp_artifacts: NlpArtifacts, word: str, start: int) -> list[str]:
        if not nlp_artifacts.tokens:
            return [""]
        ends, keywords = _token_index(nlp_artifacts)
        # Presidio takes the first token that starts at `start` or ends after it: with sorted,
        # non-overlapping tokens that is the first token whose end lies beyond `start`.
        index = bisect.bisect_right(ends, start)
        if index >= len(ends):
            raise ValueError(f"Did not find word '{word}' in the list of tokens although it is expected to be found")
        lemmas = nlp_artifacts.lemmas
        words = (_collect(index, self.context_prefix_count, lemmas, keywords, -1)
                 + _collect(index, self.context_suffix_count, lemmas, keywords, 1))
        return list(set(words))


def _copy(result: RecognizerResult) -> RecognizerResult:
    """What Presidio's enhancer changes (score, explanation) on a copy, the caller's result untouched."""
    twin = copy.copy(result)
    twin.analysis_explanation = copy.copy(result.analysis_explanation)
    twin.recognition_metadata = dict(result.recognition_metadata or {})
    return twin


def _token_index(nlp_artifacts: NlpArtifacts) -> tuple[list[int], set[str]]:
    """Token end offsets for bisect and the keywords as a set, built once per analysed text and kept
    on its artifacts (not on the enhancer, which workers' threads may share)."""
    index = nlp_artifacts.__dict__.get("_linear_context_index")
    if index is None:
        tokens = nlp_artifacts.tokens
        if isinstance(tokens, Doc):  # one array call instead of a Token object per word
            offsets = tokens.to_array([IDX, LENGTH])
            ends = (offsets[:, 0] + offsets[:, 1]).tolist()
        else:
            ends = [i + len(t) for i, t in zip(nlp_artifacts.tokens_indices, tokens, strict=True)]
        index = nlp_artifacts.__dict__["_linear_context_index"] = (ends, set(nlp_artifacts.keywords))
    return index


def _collect(index: int, n_words: int, lemmas: list[str], keywords: set[str], step: int) -> list[str]:
    """Presidio's _add_n_words, with the keywords as a set."""
    found: list[str] = []
    remaining, i = n_words + 1, index
    while 0 <= i < len(lemmas) and remaining > 0:
        lower = lemmas[i].lower()
        if lower in keywords:
            found.append(lower)
            remaining -= 1
        i += step
    return found

