"""What linking and the rules made of each unchanged item, kept in the state store for the next rescan.

The item cache (scanner.cache) spares a rescan the detection of unchanged items; this spares it their
linking (Scanner.link) and their rules (pipeline.judge) as well, for every item whose inputs are all
unchanged. An item's outcome is kept under a keyed digest of everything that can change it:

* what detection made of it (the digest of its item-cache entry) and the item itself as the crawl saw
  it (size, date, access, the role and party the config gives its place, status);
* the whole configuration (the policy, the sources' dossier-folder patterns, the organisation), the
  avgscan code and configuration files, the reference date (retention and sharing dates depend on
  it) and the language of the run (evidence and messages are worded in it);
* the whole register with the staff and parents lists: linking looks names up in all of it (a new
  pupil with the same name makes a link ambiguous, a namesake parent makes it doubtful, an unknown
  child may turn out to be a pupil), so a changed register row judges every item again;
* the consent rows of the pupils the item is linked to, checked apart: the rules read consents
  only for those pupils (rules.consent_rules.outcomes, link_review.to_review), so a changed consent
  judges again only the items about that pupil.

Like the item cache, the store keeps no raw value, no path and no pupil's number: pupils are kept as
keyed numbers (turned back through the register, which is part of the digest) and a pupil's number in
a message as a placeholder. A scan with `--full` or `--show-values` judges every item again (and keeps
the result).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import delete

from config import CONFIG_DIR
from scanner.cache import ItemCache
from scanner.config import ScanConfig
from scanner.kernel.messages import say
from scanner.kernel.model import (
    Access,
    Detected,
    ExemptFlow,
    Item,
    Judgement,
    ScannedItem,
    Subject,
    UnknownChild,
    Violation,
)
from scanner.linking import RegisterIndex
from scanner.records.consents import Consent
from scanner.records.loading import Records
from scanner.state import PendingRows, item_outcomes

PUPIL = "\x00leerling\x00"  # stands for the violation's own pupil in its texts
Link = Callable[[Item, Detected | None], ScannedItem]
# what an item's outcome can depend on: every field but the change fingerprint (its digest stands for it)
ITEM_FIELDS = tuple(f.name for f in fields(Item) if f.name not in ("access", "fingerprint"))
ACCESS_FIELDS = tuple(f.name for f in fields(Access))


def plain_data(value: Any) -> Any:
    """A record as JSON-ready data with a stable order (a frozenset's order changes per process)."""
    if is_dataclass(value):
        return [plain_data(getattr(value, f.name)) for f in fields(value)]
    if isinstance(value, set | frozenset):
        return sorted(plain_data(v) for v in value)
    if isinstance(value, list | tuple):
        return [plain_data(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain_data(v) for k, v in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    return value


@lru_cache(maxsize=1)
def code_digest() -> str:
    """avgscan's own code and configuration files: a new linking or rule changes every outcome."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *CONFIG_DIR.rglob("*.yaml")]):
        h.update(str(path.relative_to(path.parents[len(path.parents) - 1])).encode() + b"\x00" + path.read_bytes())
    return h.hexdigest()


def evaluation_inputs(cfg: ScanConfig, records: Records, as_of: date) -> str:
    """The digest of what every item's outcome depends on, apart from the item and its pupils' consents."""
    h = hashlib.sha256(code_digest().encode())
    h.update(cfg.model_dump_json().encode())
    h.update(json.dumps([as_of.isoformat(), say("nl", "en"), records.consents is None,
                         plain_data(records.pupils), records.staff, records.parents]).encode())
    return h.hexdigest()


def item_fields(item: Item) -> str:
    """Every field of the item as the crawl saw it (dataclasses.asdict would take longer than linking);
    plain data, so its repr is stable."""
    seen: list[Any] = [getattr(item, name) for name in ITEM_FIELDS]
    seen.append([getattr(item.access, name) for name in ACCESS_FIELDS])
    return repr(seen)


class EvaluationCache:
    """Answers Scanner.finish for unchanged items (with their judgement) and keeps every fresh outcome."""

    def __init__(self, items: ItemCache, inputs: str, register: RegisterIndex, consents: list[Consent] | None,
                 read: bool) -> None:
        self.items, self.store, self.keyer = items, items.store, items.keyer
        self.inputs, self.register, self.read_enabled = inputs, register, read
        self.hits = self.misses = 0
        self._consents = consents
        self._by_pupil: dict[str, str] | None = None
        self._pupils: dict[str, str] | None = None
        # item key -> its inputs digest and which detected findings it kept, until its judgement is kept
        self._fresh: dict[str, tuple[str, list[int]]] = {}
        self._pending = PendingRows(item_outcomes)
        self._consent_digests: dict[tuple[str, ...], str] = {}  # the same pupils on many rows
        # item key -> what its outcome rests on (inputs and consents), folded into the body digest in order
        self._rests_on: dict[str, str] = {}
        # keyed digests without the Keyer's memo: one unique text per item would fill it and push the names out
        self._secret = bytes.fromhex(self.keyer.of("evaluation-cache", "digest key"))
        self._body: Any = hashlib.blake2b(inputs.encode(), key=self._secret, digest_size=16)  # None: cannot tell
        self._raw: Any = None  # a plain DB-API connection for the point queries of _kept

    def _mac(self, kind: str, text: str) -> str:
        return hashlib.blake2b(f"{kind}\x00{text}".encode(), key=self._secret, digest_size=16).hexdigest()

    # -- the inputs of one item ----------------------------------------------------------------------
    def _item_inputs(self, item: Item, detected_digest: str) -> str:
        return self._mac("outcome", f"{self.inputs}\x00{detected_digest}\x00{item_fields(item)}")

    def _consent_digest(self, nummers: list[str]) -> str:
        """The consent rows of these pupils, in the register's order of the file (a rule may take the first)."""
        if self._by_pupil is None:
            rows: dict[str, list[Any]] = {}
            for c in self._consents or []:
                rows.setdefault(c.leerlingnummer, []).append(plain_data(c))
            self._by_pupil = {n: json.dumps(r) for n, r in rows.items()}
        pupils = tuple(sorted(nummers))
        digest = self._consent_digests.get(pupils)
        if digest is None:
            text = json.dumps([[n, self._by_pupil.get(n)] for n in pupils])
            digest = self._consent_digests[pupils] = self._mac("consents", text)
        return digest

    def _number(self, nummer: str | None) -> str | None:
        return self.keyer.of("pupil", nummer) if nummer else None

    @property
    def _pupil(self) -> dict[str, str]:
        """Keyed number -> the pupil's number, for the register of this scan (part of every item's inputs)."""
        if self._pupils is None:
            self._pupils = {self.keyer.of("pupil", n): n for n in self.register.pupils}
        return self._pupils

    # -- a rescan: finish from the store, or link afresh --------------------------------------------
    def finish(self, item: Item, detected: Detected | None, link: Link) -> ScannedItem:
        key = self.items.item_key(item)
        digest = self.items.digests.pop(key, None)
        if digest is None:  # not in the item cache (a skipped item): nothing to compare with
            return link(item, detected)
        inputs = self._item_inputs(item, digest)
        known = self._kept(key)
        if known is not None and known[0] == inputs:
            pupils = [self._pupil.get(k) for k in json.loads(known[1])] if known[1] != "[]" else []
            if None not in pupils and known[2] == self._consent_digest(pupils):  # type: ignore[arg-type]
                self.hits += 1
                self._rests_on[key] = f"{inputs}\x00{known[2]}"
                return self._restore(known[3], item, detected)
        self.misses += 1
        scanned = link(item, detected)
        position = {id(f): i for i, f in enumerate(detected.findings if detected is not None else [])}
        kept = [position.get(id(f)) for f in scanned.findings]  # generic terms may have been dropped
        if None not in kept:
            self._fresh[key] = (inputs, kept)  # type: ignore[assignment]
        return scanned

    def _kept(self, key: str) -> tuple[str, str, str, bytes] | None:
        """(inputs, pupils, consents, payload) kept for `key`: one point query through a plain DB-API
        cursor (a few microseconds). Every outcome was read into a dict at the start once: a kilobyte per
        item, 1.2 GB on a rescan of a million files."""
        if not self.read_enabled:
            return None
        if self._raw is None:
            self._raw = self.store.engine.raw_connection()
        cur = self._raw.cursor()
        cur.execute("SELECT inputs, pupils, consents, payload FROM item_outcomes WHERE item_key = ?", (key,))
        row = cur.fetchone()
        cur.close()
        return row  # type: ignore[no-any-return]

    def _restore(self, blob: bytes, item: Item, detected: Detected | None) -> ScannedItem:
        data = json.loads(blob)
        nummer = self._pupil
        found = detected.findings if detected is not None else []
        findings = []
        for i, who, kind in data["f"]:
            f = found[i]
            f.source, f.path, f.leerlingnummer, f.person_kind = item.source, item.path, nummer.get(who), kind
            findings.append(f)
        day, day_source = data["d"]
        scanned = ScannedItem(item=item, findings=findings, share_date=date.fromisoformat(day) if day else None,
                              share_date_source=day_source, legal_hold=data["h"])
        scanned.subjects = [Subject(nummer[k], method, confidence, ambiguous, strength, evidence)
                            for k, method, confidence, ambiguous, strength, evidence in data["s"]]
        scanned.unknown_children = [UnknownChild(*c) for c in data["u"]]
        j = data["j"]
        scanned.judged = Judgement(
            violations=[self._violation(v, item) for v in j["v"]],
            to_review=[self._violation(v, item) for v in j["r"]],
            exempt=[ExemptFlow(item.source, item.path, nummer.get(k) if k else None, party, basis, categories,
                               date.fromisoformat(day) if day else None, source, shared)
                    for k, party, basis, categories, day, source, shared in j["e"]],
            kept_by_law=[{"source": item.source, "path": item.path, "reason": reason,
                          "leerlingnummers": [nummer[k] for k in keys]} for reason, keys in j["k"]])
        return scanned

    def _violation(self, data: dict[str, Any], item: Item) -> Violation:
        pupil = self._pupil[data["leerlingnummer"]] if data["leerlingnummer"] else None
        texts = {k: data[k].replace(PUPIL, pupil) if pupil else data[k] for k in ("message", "linked_by",
                                                                                  "review_reason")}
        return Violation(**(data | texts | {"leerlingnummer": pupil}), source=item.source, path=item.path)

    # -- keeping what was judged afresh -------------------------------------------------------------
    def remember(self, scanned: ScannedItem, judged: Judgement) -> None:
        """Called by pipeline.evaluate for every item it judged; kept when finish() linked it afresh."""
        key = self.items.item_key(scanned.item)
        fresh = self._fresh.pop(key, None)
        if fresh is None:  # a logged disclosure, a skipped item: not from the item cache
            return
        inputs, kept = fresh
        number = self._number
        pupils = sorted({s.leerlingnummer for s in scanned.subjects})
        payload = {
            "f": [[i, number(f.leerlingnummer), f.person_kind] for i, f in zip(kept, scanned.findings, strict=True)],
            "d": [scanned.share_date.isoformat() if scanned.share_date else None, scanned.share_date_source],
            "h": scanned.legal_hold,
            "s": [[number(s.leerlingnummer), s.method, s.confidence, s.ambiguous, s.strength, s.evidence]
                  for s in scanned.subjects],
            "u": [[c.masked_name, c.place, c.categories] for c in scanned.unknown_children],
            "j": {"v": [self._kept_violation(v) for v in judged.violations],
                  "r": [self._kept_violation(v) for v in judged.to_review],
                  "e": [[number(e.leerlingnummer), e.party, e.legal_basis, e.categories,
                         e.share_date.isoformat() if e.share_date else None, e.share_date_source,
                         e.shared.replace(e.leerlingnummer, PUPIL) if e.leerlingnummer else e.shared]
                        for e in judged.exempt],
                  "k": [[k["reason"], [number(n) for n in k["leerlingnummers"]]] for k in judged.kept_by_law]},
        }
        consents = self._consent_digest(pupils)
        self._rests_on[key] = f"{inputs}\x00{consents}"
        self._pending.add(self.store, {"item_key": key, "inputs": inputs,
                                       "pupils": json.dumps([number(n) for n in pupils]), "consents": consents,
                                       "stored_at": date.today().isoformat(),
                                       "payload": json.dumps(payload, separators=(",", ":")).encode()})

    def _kept_violation(self, v: Violation) -> dict[str, Any]:
        data = {"rule": v.rule, "severity": v.severity, "leerlingnummer": self._number(v.leerlingnummer),
                "message": v.message, "legal_reference": v.legal_reference, "findings": list(v.findings),
                "action": v.action, "school": v.school, "linked_by": v.linked_by, "review_reason": v.review_reason}
        if v.leerlingnummer:
            for text in ("message", "linked_by", "review_reason"):
                data[text] = data[text].replace(v.leerlingnummer, PUPIL)
        return data

    # -- the body digest: are this scan's items and findings the previous scan's? -------------------
    def fold(self, scanned: ScannedItem) -> None:
        """Called for every item in report order once it is judged. An item from the cache (hit or fresh)
        adds what its outcome rests on; an item without data (skipped, a source that failed) adds itself;
        anything else (a logged disclosure) leaves the body unknown."""
        if self._body is None:
            return
        rests_on = self._rests_on.pop(self.items.item_key(scanned.item), None)
        if rests_on is None:
            if scanned.findings or scanned.subjects or scanned.unknown_children:
                self._body = None
                return
            rests_on = item_fields(scanned.item)
        self._body.update(rests_on.encode() + b"\x01")

    def body_digest(self) -> str:
        """Equal for two scans whose items and findings are equal (every item's outcome inputs, in order)."""
        return self._body.hexdigest() if self._body is not None else ""

    def flush(self) -> None:
        self._pending.write(self.store)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
        self.flush()

    @staticmethod
    def purge(store: Any, before: date) -> int:
        with store.engine.begin() as conn:
            return conn.execute(delete(item_outcomes).where(item_outcomes.c.stored_at < before.isoformat())).rowcount


__all__ = ["EvaluationCache", "code_digest", "evaluation_inputs", "item_fields", "plain_data"]
