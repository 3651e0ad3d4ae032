"""Outlook messages (.msg) through extract-msg: sender/recipients/subject, body, and attachments as
members (`bericht.msg!/bijlage.docx`), like .eml."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

import extract_msg
from extract_msg.enums import AttachmentType

from connectors.extractors import Limits, Member, unique_name
from connectors.extractors.html import extract_html
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, TextUnit

logging.getLogger("extract_msg").setLevel(logging.ERROR)  # it logs every unknown property


@contextmanager
def opened(data: bytes) -> Iterator[extract_msg.msg_classes.MSGFile]:
    try:
        msg = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    except Exception as err:
        raise Unreadable(f"beschadigd of niet ondersteund .msg-bestand ({type(err).__name__})") from None
    try:
        if "smime" in str(getattr(msg, "classType", "")).lower() and "signed" not in str(msg.classType).lower():
            raise Unreadable("versleutelde e-mail (S/MIME)")
        yield msg
    finally:
        msg.close()


def _date(msg: object) -> datetime | None:
    try:
        value = getattr(msg, "date", None)
    except Exception:
        return None
    return value if isinstance(value, datetime) else None


def extract_msg_file(data: bytes, name: str) -> Content:
    with opened(data) as msg:
        units: list[TextUnit] = []
        for label, attr in (("From", "sender"), ("To", "to"), ("Cc", "cc"), ("Subject", "subject")):
            value = getattr(msg, attr, None)
            if value:
                units.append(TextUnit(place=f"kop {label}", text=f"{label}: {value}"))
        body = getattr(msg, "body", None)
        if body:
            lines = body.splitlines()
        else:
            html = getattr(msg, "htmlBody", None)
            lines = [u.text for u in extract_html(html, "body.html").units] if html else []
        units.extend(TextUnit(place=f"tekst regel {i}", text=line) for i, line in enumerate(lines, 1) if line.strip())
        sent = _date(msg)
    return Content(units=units, metadata={"date": sent.date()} if sent else {})


def list_attachments(data: bytes, name: str, limits: Limits) -> list[Member]:
    members: list[Member] = []
    taken: set[str] = set()
    with opened(data) as msg:
        sent = _date(msg)
        meta = {"date": sent.date()} if sent else {}
        for n, att in enumerate(msg.attachments, 1):
            kind = getattr(att, "type", AttachmentType.UNKNOWN)
            filename = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or ""
            reason = None
            payload = b""
            if kind in (AttachmentType.MSG, AttachmentType.SIGNED_EMBEDDED):
                filename = filename or f"bijlage {n}.msg"
                if not filename.lower().endswith(".msg"):
                    filename += ".msg"
                try:
                    payload = att.data.exportBytes()
                except Exception as err:
                    reason = f"ingesloten bericht kan niet worden gelezen ({type(err).__name__})"
            elif kind == AttachmentType.WEB:
                filename = filename or f"bijlage {n}"
                reason = "bijlage is een koppeling naar internet (niet in het bericht opgeslagen)"
            else:
                data_value = getattr(att, "data", None)
                filename = filename or f"bijlage {n}.bin"
                if isinstance(data_value, bytes):
                    payload = data_value
                else:
                    reason = "bijlage kan niet worden gelezen (beschadigd of onbekend type)"
            members.append(Member(name=unique_name(filename, taken), size=len(payload),
                                  load=lambda payload=payload: payload, modified=sent, reason=reason,
                                  metadata=dict(meta)))
    return members
