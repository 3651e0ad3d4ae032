"""False positives on ordinary Dutch prose: findings per 10 000 characters on a corpus without personal data.

    python benchmarks/prose_noise.py [--corpus tests/data/prose] [--show 200] [--json out.json]

The corpus (tests/data/prose, see its README) names no private person and holds no identifier,
contact detail or address, so every PERSON finding and every finding of those types is a false
positive. Files go the way a scan reads them (the text extractor, lines joined into paragraphs,
`detect` over the text units) through the shipped analyzer without a register: what is left is what
the text recognizers and the NER make of prose. Target: <= 1 PERSON per 10 000 characters and no
identifier/contact/address finding at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from presidio_analyzer import AnalyzerEngine  # noqa: E402

from connectors.extractors import extract  # noqa: E402
from scanner.detection.detect import detect  # noqa: E402
from scanner.detection.paragraphs import join_lines, split_long  # noqa: E402
from scanner.kernel.entities import catalogue  # noqa: E402
from scanner.kernel.model import Finding  # noqa: E402

CORPUS = HERE.parent / "tests" / "data" / "prose"
PER = 10_000  # characters
MAX_PERSON_PER_10K = 1.0


@dataclass
class ProseNoise:
    chars: int = 0
    findings: list[Finding] = field(default_factory=list)

    def count(self, entity: str) -> int:
        return sum(f.entity_type == entity for f in self.findings)

    def rate(self, entity: str) -> float:
        return self.count(entity) * PER / max(self.chars, 1)

    def contact(self) -> list[Finding]:
        """Identifier, contact and address findings: the corpus has none, so each one is wrong."""
        values = catalogue().of_kind("value")  # the catalogue's numbers, codes, addresses and dates
        return [f for f in self.findings if f.entity_type in values]


def corpus_files(corpus: Path = CORPUS) -> list[Path]:
    return sorted(p for p in corpus.glob("*.md") if p.name != "README.md")


def measure(analyzer: AnalyzerEngine, files: list[Path]) -> ProseNoise:
    noise = ProseNoise()
    for path in files:
        content = extract(path.read_bytes(), path.name)
        units = split_long(join_lines(content.units))
        noise.chars += sum(len(u.text) for u in units)
        noise.findings += detect(analyzer, "prose", path.name, units)
    return noise


def main() -> None:
    from scanner.detection.engine import build_analyzer

    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--show", type=int, default=200, help="how many PERSON values to print")
    ap.add_argument("--json", help="write the counts and values to this file")
    a = ap.parse_args()
    noise = measure(build_analyzer(), corpus_files(Path(a.corpus)))
    by_type = Counter(f.entity_type for f in noise.findings)
    print(f"{noise.chars} characters in {len(corpus_files(Path(a.corpus)))} files\n")
    print("| entity | findings | per 10 000 characters |\n|---|---|---|")
    for etype, n in sorted(by_type.items(), key=lambda kv: -kv[1]):
        print(f"| {etype} | {n} | {noise.rate(etype):.2f} |")
    persons = [f for f in noise.findings if f.entity_type == "PERSON"]
    print(f"\nPERSON values ({len(persons)}):")
    for f in persons[: a.show]:
        print(f"  {f.path} {f.place}: {f.value!r} ({f.recognizer}, {f.score})")
    contact = noise.contact()
    print(f"\nidentifier/contact/address findings ({len(contact)}):")
    for f in contact:
        print(f"  {f.path} {f.place}: {f.entity_type} {f.value!r} ({f.recognizer})")
    ok = noise.rate("PERSON") <= MAX_PERSON_PER_10K and not contact
    print(f"\nPERSON per 10 000 characters: {noise.rate('PERSON'):.2f} (target <= {MAX_PERSON_PER_10K}); "
          f"identifier/contact/address: {len(contact)} (target 0) -> {'OK' if ok else 'NOT MET'}")
    if a.json:
        Path(a.json).write_text(json.dumps({
            "chars": noise.chars, "by_type": dict(by_type), "person_per_10k": round(noise.rate("PERSON"), 3),
            "person_values": [f.value for f in persons],
            "contact": [[f.entity_type, f.value] for f in contact]}, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
