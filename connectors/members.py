"""Members of containers (zip archives, e-mail attachments) as items of their own.

A member's path is `<container path>!/<member path>`, nested as deep as containers nest
(`post.zip!/brief.eml!/verslag.pdf`). Listing happens during the crawl (names and sizes only);
`open_member` re-opens the chain when the member is read, so no member is held in memory longer
than its own scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from connectors.extractors import Limits, Member, extract, member_lister_for, supported, unsupported_reason
from scanner.kernel.errors import Unreadable
from scanner.kernel.model import Content, Item

SEPARATOR = "!/"


def is_container(name: str) -> bool:
    return member_lister_for(name) is not None


def list_members(data: bytes, name: str, limits: Limits) -> list[Member]:
    lister = member_lister_for(name)
    if lister is None:
        return []
    try:
        return lister(data, name, limits)
    except Unreadable:
        raise
    except Exception as err:  # a hostile or broken container must not stop the scan
        raise Unreadable(f"beschadigde container ({type(err).__name__}: {str(err)[:100]})") from None


def member_items(container: Item, data: bytes, limits: Limits, depth: int = 1) -> Iterator[Item]:
    """The items inside `container` (whose bytes are `data`), recursively.

    The container item is updated in place (unreadable with the reason) when it cannot be listed;
    it is yielded by the caller *before* this generator runs, so callers list first.
    """
    for member in list_members(data, container.path, limits):
        item = Item(source=container.source, path=f"{container.path}{SEPARATOR}{member.name}", kind="member",
                    size=member.size, modified=member.modified or container.modified,
                    access=replace(container.access, acl=list(container.access.acl)))
        nested: list[Item] = []
        if member.skip:
            item.status, item.reason = "skipped", member.skip
        elif member.reason:
            item.status, item.reason = "unreadable", member.reason
        elif member.size > limits.max_member_bytes:
            item.status, item.reason = "unreadable", f"te groot ({member.size // 1048576} MB)"
        elif not supported(member.name):
            item.status, item.reason = "unreadable", unsupported_reason(member.name)
        elif is_container(member.name):
            if depth >= limits.max_depth:
                item.status, item.reason = "unreadable", f"te diep genest (meer dan {limits.max_depth} niveaus)"
            else:
                try:
                    inner = member.load() if member.load else b""
                    nested = list(member_items(item, inner, limits, depth + 1))
                except Unreadable as err:
                    item.status, item.reason = "unreadable", str(err)
        yield item
        yield from nested


def split(path: str) -> list[str]:
    return path.split(SEPARATOR)


def open_member(data: bytes, path: str, limits: Limits) -> tuple[bytes, str, dict[str, object]]:
    """Bytes of the member at `path` (a full item path) given the outermost container's bytes.

    Returns the member's bytes, its name and metadata inherited from its container (the e-mail date).
    """
    parts = split(path)
    name, metadata = parts[0], {}
    for part in parts[1:]:
        members = {m.name: m for m in list_members(data, name, limits)}
        member = members.get(part)
        if member is None:
            raise Unreadable("lid van container niet meer aanwezig")
        if member.reason:
            raise Unreadable(member.reason)
        data = member.load() if member.load else b""
        name, metadata = part, dict(member.metadata)
    return data, name, metadata


def read_member(data: bytes, path: str, limits: Limits) -> Content:
    member_data, name, metadata = open_member(data, path, limits)
    content = extract(member_data, name)
    for key, value in metadata.items():
        content.metadata.setdefault(key, value)
    return content
