"""The stages' dataclasses pickle as their field values (scanner.kernel.model): the ledgers pickle every
item, finding and violation of a scan, so the form must round-trip exactly, copies must stay copies, and a
subclass must not come back as its base class."""

from __future__ import annotations

import copy
import pickle
from datetime import datetime

from scanner.columnar import SignatureRow
from scanner.kernel.model import Access, Finding, Item, Subject, Violation


def _item() -> Item:
    access = Access(owner="juf", mode=0o644, acl=["Everyone"], world_readable=True, audiences={"everyone": ["x"]})
    return Item(source="share", path="zorg/Jan.docx", kind="file", size=12, modified=datetime(2026, 1, 2, 3, 4),
                access=access, role="open", status="unreadable", reason="kapot", fingerprint="etag-1")


def _finding() -> Finding:
    return Finding("share", "zorg/Jan.docx", "p1", "PERSON", 0.85, "J** J****", "ner", "Jan Jansen", 3, 13,
                   leerlingnummer="20118", person_kind="pupil", sentence=2, key="k", role="pupil", role_cue="lln.")


def test_every_registered_class_round_trips_with_all_its_fields() -> None:
    violation = Violation("open-access", "hoog", "share", "zorg/Jan.docx", "20118", "open", "art. 32", findings=[0, 3],
                          identity="abc", change="new")
    for obj in (_item(), _item().access, _finding(), Subject("20118", "name", 0.9, evidence=["naam"]), violation):
        back = pickle.loads(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
        assert type(back) is type(obj)
        assert back == obj
        assert pickle.loads(pickle.dumps(obj, 2)) == obj


def test_item_pickles_as_field_values_not_as_a_dict_of_names() -> None:
    data = pickle.dumps(_item(), pickle.HIGHEST_PROTOCOL)
    assert b"world_readable" not in data and b"modified" not in data  # no field names: values only


def test_copies_are_copies() -> None:
    item = _item()
    shallow = copy.copy(item)
    assert shallow == item and shallow is not item
    shallow.path = "elders.docx"
    assert item.path == "zorg/Jan.docx"
    deep = copy.deepcopy(item)
    deep.access.acl.append("Guests")
    assert item.access.acl == ["Everyone"]
    finding = _finding()
    other = copy.copy(finding)
    other.leerlingnummer = None
    assert finding.leerlingnummer == "20118"


def test_a_subclass_keeps_its_class_and_its_own_fields() -> None:
    row = SignatureRow(item=_item(), findings=[_finding()])
    back = pickle.loads(pickle.dumps(row, pickle.HIGHEST_PROTOCOL))
    assert type(back) is SignatureRow
    assert back.item == row.item and back.findings == row.findings and back.lends_to is None
