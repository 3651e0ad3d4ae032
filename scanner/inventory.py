"""Per-pupil inventory: every place that holds a pupil's data, and every place that could not be read.

The same list serves pre-deletion verification (is the pupil provably absent?) and access requests
(AVG art. 15: what does the school hold on this pupil, and where?). Evidence stays masked.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from scanner.kernel.model import Report


@dataclass
class Place:
    source: str
    path: str
    certain: bool  # False: an ambiguous name match (a namesake may be meant)
    entity_types: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # paragraph, cell, column


@dataclass
class PupilInventory:
    leerlingnummer: str
    places: list[Place]
    unreadable: list[tuple[str, str, str]]  # source, path, reason

    @property
    def absent(self) -> bool:
        return not self.places and not self.unreadable


def inventory(report: Report, subjects: Mapping[tuple[str, str], list[tuple[str, bool]]],
              nummer: str) -> PupilInventory:
    """`subjects` maps (source, path) to the item's (leerlingnummer, ambiguous) links."""
    by_item: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(report.findings):
        by_item[(f.source, f.path)].append(i)
    places: list[Place] = []
    for key, links in subjects.items():
        mine = [amb for n, amb in links if n == nummer]
        direct = [i for i in by_item.get(key, []) if report.findings[i].leerlingnummer == nummer]
        if not mine and not direct:
            continue
        certain = bool(direct) or not all(mine)
        shown = direct or by_item.get(key, [])
        places.append(Place(
            source=key[0], path=key[1], certain=certain,
            entity_types=sorted({report.findings[i].entity_type for i in shown}),
            evidence=sorted({report.findings[i].evidence for i in shown})[:12],
            places=sorted({report.findings[i].place for i in shown})[:12]))
    unreadable = [(i.source, i.path, i.reason or "") for i in report.items if i.status == "unreadable"]
    return PupilInventory(nummer, sorted(places, key=lambda p: (p.source, p.path)), unreadable)
