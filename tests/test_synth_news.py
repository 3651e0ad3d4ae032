"""Tests for the training-only newspaper frames of the synthetic NER data (issue 18).

Why: the licence-clean NER learns news persons, parties and clubs only from these frames, and its
held-out school score is honest only while they never use a held-out name or template.
"""

from __future__ import annotations

import random
import re

import pytest
import spacy

from training import names, templates
from training.nl_tokenizer import add_special_cases
from training.synth_school import SLOT_FILLERS, fill_template, generate, pools_for


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return add_special_cases(spacy.blank("nl"))


def test_news_frames_are_training_only() -> None:
    assert not set(templates.TRAIN_NEWS_TEMPLATES) & set(templates.HELDOUT_TEMPLATES)
    assert not set(templates.TRAIN_NEWS_ORG_TEMPLATES) & set(templates.HELDOUT_TEMPLATES)
    assert not set(templates.TRAIN_NEWS_NEGATIVES) & set(templates.HELDOUT_NEGATIVES)


def test_every_news_slot_has_a_filler() -> None:
    slots = {slot for frame in (*templates.TRAIN_NEWS_TEMPLATES, *templates.TRAIN_NEWS_ORG_TEMPLATES,
                                *templates.TRAIN_NEWS_NEGATIVES)
             for slot in re.findall(r"\{(\w+)\}", frame)}
    assert slots <= set(SLOT_FILLERS), slots - set(SLOT_FILLERS)


def test_role_stays_outside_the_person() -> None:
    rng, pools = random.Random(3), pools_for("train")
    for _ in range(50):
        pieces = fill_template("{Rol} {np_vol} ({partij}) wil de belastingen verlagen.", rng, pools)
        assert pieces[0][1] is None and pieces[0][0][:1].isupper()
        labels = [label for _, label in pieces if label]
        assert labels == ["PER", "ORG"]


def test_news_sentences_use_no_held_out_name(nlp: spacy.language.Language) -> None:
    heldout = pools_for("heldout")
    held_tokens = {t.casefold() for t in names.name_tokens(heldout.first) | names.name_tokens(heldout.surname)}
    train = pools_for("train")
    train_tokens = {t.casefold() for t in names.name_tokens(train.first) | names.name_tokens(train.surname)}
    docs = generate(nlp, 1500, "train", 5, news=True)
    people = [ent for doc in docs for ent in doc.ents if ent.label_ == "PER"]
    assert len(people) > 500
    for ent in people:
        for token in ent:
            word = token.text.casefold()
            if word in held_tokens:
                assert word in train_tokens, ent.text  # a name part only the held-out side has


def test_news_adds_persons_in_newspaper_frames(nlp: spacy.language.Language) -> None:
    with_news = list(generate(nlp, 2000, "train", 9, world=True, prose=True, news=True))
    without = list(generate(nlp, 2000, "train", 9, world=True, prose=True, news=False))
    parties = set(names.NEWS_PARTIES)
    assert sum(ent.text in parties for doc in with_news for ent in doc.ents if ent.label_ == "ORG") > 20
    assert not any(ent.text in parties for doc in without for ent in doc.ents if ent.label_ == "ORG")


def test_news_share_fixes_the_share_of_news_sentences(nlp: spacy.language.Language,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """With --news-share the school frames keep their draws (c7 drew news as one frame among all)."""
    monkeypatch.setattr(templates, "TRAIN_NEWS_TEMPLATES", ("Nieuws over {merk}.",))
    monkeypatch.setattr(templates, "TRAIN_NEWS_ORG_TEMPLATES", ("Nieuws: {np} zei het.",))
    monkeypatch.setattr(templates, "TRAIN_NEWS_NEGATIVES", ("Nieuws zonder naam.",))
    for share in (0.12, 0.5):
        docs = list(generate(nlp, 2000, "train", 4, world=True, prose=True, news=True, news_share=share))
        news = sum(d.text.startswith("Nieuws") for d in docs) / len(docs)
        # 0.04: at a share of 0.5 the binomial sd of 2,000 draws is 0.011, and a sentence whose entity does
        # not align is drawn again, news or not (seeds 1-6 since session 27: 0.494-0.531, mean 0.510)
        assert abs(news - share) < 0.04, (share, news)
    mixed = list(generate(nlp, 2000, "train", 4, world=True, prose=True, news=True))
    assert sum(d.text.startswith("Nieuws") for d in mixed) / len(mixed) < 0.03  # 1 frame among ~200
    assert not any(d.text.startswith("Nieuws:") for d in mixed)  # the new frames only with a share


def test_a_company_in_news_is_one_org_span() -> None:
    rng, pools = random.Random(8), pools_for("train")
    seen = set()
    for _ in range(300):
        pieces = fill_template("Het aandeel {merk} verloor 6 procent.", rng, pools)
        assert [label for _, label in pieces if label] == ["ORG"]
        brand = next(text for text, label in pieces if label)
        assert brand[:1].isupper() and "  " not in brand
        seen.add(brand)
    assert len(seen) > 200  # open-ended: the model must learn the context, not a list
