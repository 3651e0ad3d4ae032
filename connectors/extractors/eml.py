"""E-mail messages (.eml): the headers that carry people, and the body ('tekst regel N').

Attachments are members of the message: the source lists them with `list_attachments` and scans
each as an item of its own (`mail.eml!/verslag.pdf`), dated by the message's Date header so the
consent rules see when it was shared.
"""

from __future__ import annotations

import email.message
from collections.abc import Iterator
from datetime import datetime
from email import policy
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from connectors.extractors import Limits, Member, unique_name
from connectors.extractors.html import extract_html
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

HEADERS = ("From", "To", "Cc", "Subject")
ENCRYPTED_TYPES = ("application/pkcs7-mime", "application/x-pkcs7-mime", "multipart/encrypted")
SIGNATURE_TYPES = ("application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature")
SIGNATURE = "digitale handtekening van het bericht (geen gegevens)"


def parse(data: bytes) -> email.message.EmailMessage:
    return BytesParser(policy=policy.default).parsebytes(data)  # type: ignore[return-value]


def message_date(msg: email.message.Message) -> datetime | None:
    try:
        return parsedate_to_datetime(str(msg["Date"])) if msg["Date"] else None
    except (TypeError, ValueError, IndexError):
        return None


def _header(msg: email.message.Message, name: str) -> str | None:
    try:
        value = msg[name]
    except (ValueError, IndexError, AttributeError):  # a malformed address header
        value = msg.get_all(name, failobj=[None])[0] if hasattr(msg, "get_all") else None
    return str(value) if value else None


def body_lines(msg: email.message.EmailMessage) -> list[str]:
    body = msg.get_body(preferencelist=("plain", "html"))
    if body is None:
        return []
    try:
        text = body.get_content()
    except (LookupError, UnicodeDecodeError, KeyError):
        payload = body.get_payload(decode=True) or b""
        text = payload.decode("cp1252", errors="replace") if isinstance(payload, bytes) else str(payload)
    if body.get_content_type() == "text/html":
        return [u.text for u in extract_html(text.encode("utf-8"), "body.html").units]
    return text.splitlines()


def extract_eml(data: bytes, name: str) -> Content:
    msg = parse(data)
    if msg.get_content_type() in ENCRYPTED_TYPES:
        raise Unreadable("versleutelde e-mail (S/MIME of PGP)")
    units = [TextUnit(place=f"kop {h}", text=f"{h}: {v}") for h in HEADERS if (v := _header(msg, h))]
    metadata: dict[str, object] = {}
    sent = message_date(msg)
    if sent:
        metadata["date"] = sent.date()
    units.extend(TextUnit(place=f"tekst regel {i}", text=line)
                 for i, line in enumerate(body_lines(msg), 1) if line.strip())
    return Content(units=units, metadata=metadata)


def _attachment_bytes(part: email.message.EmailMessage) -> bytes:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload(0) if part.is_multipart() else part.get_payload()
        if isinstance(inner, email.message.Message):
            return inner.as_bytes()
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def attachments(msg: email.message.EmailMessage) -> Iterator[email.message.EmailMessage]:
    """Attachment parts, also those inside a nested multipart (a signed message wraps its content)."""
    for part in msg.iter_attachments():
        if part.is_multipart() and part.get_content_type() != "message/rfc822":
            yield from attachments(part)  # type: ignore[arg-type]
        else:
            yield part  # type: ignore[misc]


def list_attachments(data: bytes, name: str, limits: Limits) -> list[Member]:
    msg = parse(data)
    sent = message_date(msg)
    members: list[Member] = []
    taken: set[str] = set()
    for n, part in enumerate(attachments(msg), 1):
        filename = part.get_filename()
        if not filename:
            ext = ".eml" if part.get_content_type() == "message/rfc822" else \
                (_extension(part.get_content_type()) or ".bin")
            filename = f"bijlage {n}{ext}"
        payload = _attachment_bytes(part)
        skip = SIGNATURE if part.get_content_type() in SIGNATURE_TYPES else None
        members.append(Member(name=unique_name(filename, taken), size=len(payload),
                              load=lambda payload=payload: payload, modified=sent, skip=skip,
                              metadata={"date": sent.date()} if sent else {}))
    return members


def _extension(content_type: str) -> str | None:
    import mimetypes

    return mimetypes.guess_extension(content_type)
