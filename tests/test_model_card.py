"""The model card's data table and training notes follow the build's options (issue 18, session 34).

Why: the card must say what the shipped weights owe to each source. A fine-tuned build on the project's
annotated prose owes them to the prose and to the earlier weights too; a card that kept the default
build's text would hide both, and an empty placeholder line would break the data table in two.
"""

from __future__ import annotations

from pathlib import Path

from training import annotated_prose, report

BASE = {"synthetic": 16000, "news_share": 0.12, "world": True, "variant": "clean"}


def _data_table(args: dict[str, object]) -> list[str]:
    text = report.DATA_SECTIONS["clean"].read_text(encoding="utf-8").strip().format(
        synthetic=args["synthetic"], world_note="", annotated_row=report.annotated_row(args),
        news_share=report.news_share_text(args))
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| data |"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("|"))
    return lines[start:end]


def test_the_default_build_has_no_prose_row_and_its_news_share() -> None:
    table = _data_table(BASE)
    assert len(table) == 5  # header, rule, synthetic, Europeana, LassySmall: one table, no gap
    assert not any("annotated prose" in row for row in table)
    assert "as 12 % of the sentences" in table[2]


def test_a_build_on_some_parts_of_the_prose_names_them_with_their_counts() -> None:
    parts = annotated_prose.parts()[:2]
    counts = annotated_prose.summary(only=parts)
    table = _data_table({**BASE, "news_share": 0.3, "annotated_prose": 2, "annotated_parts": parts})
    assert len(table) == 6 and "as 30 % of the sentences" in table[2]
    row = table[3]
    assert row.startswith("| **The project's own annotated prose**") and "2 times" in row
    assert all(f"`{part}`" in row for part in parts)
    assert f"{counts['files']} files" in row and f"{counts['PER']:,} PER" in row


def test_a_fine_tuned_build_says_so_with_its_rate() -> None:
    args = {**BASE, "finetune": Path("config/nlp/nl_school"), "max_steps": 1500,
            "set": ["training.eval_frequency=250", "training.optimizer.learn_rate=0.0001"]}
    assert report.training_learn_rate(args) == 0.0001
    assert report.training_learn_rate(BASE) == 0.001  # the variant config's
    note = report.FINETUNE_NOTE.format(base=args["finetune"], max_steps=1500, learn_rate=0.0001)
    assert "`config/nlp/nl_school`" in note and "1500 steps at learning rate 0.0001" in note
    assert report.retrain_command({"command": "python -m training.train_ner --finetune x"}).endswith("--finetune x")
    assert report.retrain_command({}) == report.RETRAIN
