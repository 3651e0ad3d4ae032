"""E-mail messages (.eml): headers that carry people, the body, and text attachments."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from connectors.extractors import extractor_for, register
from scanner.model import Content, TextUnit

HEADERS = ("From", "To", "Cc", "Subject")


@register(".eml")
def extract_eml(data: bytes, name: str) -> Content:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    units = [TextUnit(place=f"kop {h}", text=f"{h}: {msg[h]}") for h in HEADERS if msg[h]]
    metadata: dict[str, object] = {}
    if msg["Date"]:
        try:
            metadata["date"] = parsedate_to_datetime(str(msg["Date"])).date()
        except (TypeError, ValueError):
            pass
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is not None:
        text = body.get_content()
        units.extend(TextUnit(place=f"tekst regel {i}", text=line)
                     for i, line in enumerate(text.splitlines(), 1) if line.strip())
    for part in msg.iter_attachments():
        fname = part.get_filename() or "bijlage"
        fn = extractor_for(fname)
        payload = part.get_payload(decode=True)
        if fn is None or not isinstance(payload, bytes):
            continue
        inner = fn(payload, fname)
        units.extend(TextUnit(place=f"bijlage {fname}: {u.place}", text=u.text, column=u.column)
                     for u in inner.units)
    return Content(units=units, metadata=metadata)
