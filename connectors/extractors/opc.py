"""A Word package's map as python-docx 1.2 opens it, with parts parsed only when asked for.

`docx.Document` walks every relationship from `_rels/.rels`, reads every part it reaches (pictures
too), parses every XML part it has a class for (styles, numbering, settings, all headers, ...) and
builds its part graph: half of reading a school's .docx (issue 17). The extractor needs a few parts,
so `Package` keeps what that walk decides (which part a relationship names, each part's content type
and class) and parses a part's XML the first time it is asked for, with python-docx's parser settings.

A package python-docx refuses while opening fails here in the same way where that costs nothing: no
`[Content_Types].xml` or a relationship to a missing part (KeyError), a part without a content type
(KeyError), a relationships part that is not XML (XMLSyntaxError), a main part that is not a Word
document (ValueError). What is not repeated is reading parts nobody asks for: a broken picture or a
malformed styles part no longer stops the text from being read.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

# python-docx's oxml parser (remove_blank_text: the same text nodes; entities never resolved), with
# the network shut and lxml's size limits on (huge_tree off), as its defaults are.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, huge_tree=False)

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RELS + "officeDocument"
RT_IMAGE = _RELS + "image"
RT_COMMENTS = _RELS + "comments"
RT_SETTINGS = _RELS + "settings"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
CT_DOCUMENT = _WML + "document.main+xml"
CT_COMMENTS = _WML + "comments+xml"
CT_SETTINGS = _WML + "settings+xml"
CT_CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
# the content types python-docx gives an XML part class (it parses those parts when opening)
XML_PART_TYPES = frozenset({CT_CORE_PROPERTIES, CT_COMMENTS, CT_DOCUMENT, _WML + "footer+xml",
                            _WML + "header+xml", _WML + "numbering+xml", CT_SETTINGS, _WML + "styles+xml"})
PACKAGE = "/"


@dataclass(frozen=True)
class Rel:
    """One `<Relationship>`: `target` is a part name ('/word/document.xml') or, external, a URI."""

    rid: str
    reltype: str
    target: str
    external: bool


def _root(blob: bytes, tag: str) -> etree._Element:
    """The parsed XML, whose root must be `tag`: python-docx reads it through that element's class,
    and any other root lacks the attribute it asks for (AttributeError, as there)."""
    root = etree.fromstring(blob, PARSER)
    if root.tag != tag:
        raise AttributeError(f"root element {root.tag!r} is not {tag!r}")
    return root


def rels_name(partname: str) -> str:
    """The zip member of a part's relationships: '/word/document.xml' -> 'word/_rels/document.xml.rels',
    the package's ('/') '_rels/.rels'."""
    base, filename = posixpath.split(partname)
    return posixpath.join(base, "_rels", f"{filename}.rels")[1:]


class Package:
    """The parts reachable from the package's relationships, their content types and relationships."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        self._members = set(zf.namelist())
        types = _root(zf.read("[Content_Types].xml"), f"{_CT}Types")
        self._overrides = {o.get("PartName").lower(): o.get("ContentType") for o in types.findall(f"{_CT}Override")}
        self._defaults = {d.get("Extension").lower(): d.get("ContentType") for d in types.findall(f"{_CT}Default")}
        self._listed: dict[str, list[Rel]] = {}  # every <Relationship> of a source, in order
        self._rels: dict[str, dict[str, Rel]] = {}  # by rId, a later one with the same rId replacing it
        self._related: dict[str, dict[str, str]] = {}  # rId -> internal target (python-docx's related_parts)
        self.content_types: dict[str, str] = {}
        self._reached_by: dict[str, str] = {}  # part -> type of the first relationship that reached it
        self._xml: dict[str, etree._Element] = {}
        self._load_rels(PACKAGE)
        self._walk(PACKAGE)

    def _load_rels(self, source: str) -> None:
        member = rels_name(source)
        listed: list[Rel] = []
        if member in self._members:  # a part without relationships has no rels member
            base = posixpath.split(source)[0]
            for r in _root(self._zf.read(member), f"{_PR}Relationships").findall(f"{_PR}Relationship"):
                external = r.get("TargetMode", "Internal") == "External"
                target = r.get("Target")
                if not external:  # PackURI.from_rel_ref
                    target = posixpath.abspath(posixpath.join(base, target))
                listed.append(Rel(r.get("Id"), r.get("Type"), target, external))
        self._listed[source] = listed
        by_id: dict[str, Rel] = {}
        related: dict[str, str] = {}
        for rel in listed:
            by_id[rel.rid] = rel
            if not rel.external:
                related[rel.rid] = rel.target
        self._rels[source], self._related[source] = by_id, related

    def _walk(self, source: str) -> None:
        """Depth first through the relationships, as python-docx's PackageReader walks them: each part's
        relationships read, its member present, its content type known."""
        for rel in self._listed[source]:
            if rel.external or rel.target in self._reached_by:
                continue
            self._reached_by[rel.target] = rel.reltype
            self._load_rels(rel.target)
            if rel.target[1:] not in self._members:  # python-docx reads every part it reaches
                raise KeyError(f"There is no item named {rel.target[1:]!r} in the archive")
            self.content_types[rel.target] = self._content_type(rel.target)
            self._walk(rel.target)

    def _content_type(self, partname: str) -> str:
        if partname.lower() in self._overrides:
            return self._overrides[partname.lower()]
        ext = posixpath.splitext(partname)[1]
        ext = ext[1:] if ext.startswith(".") else ext
        if ext.lower() in self._defaults:
            return self._defaults[ext.lower()]
        raise KeyError(f"no content type for partname '{partname}' in [Content_Types].xml")

    def related_by(self, source: str, reltype: str) -> str:
        """The part `source` has the one relationship of `reltype` with (KeyError: none; ValueError: more)."""
        matching = [rel for rel in self._rels[source].values() if rel.reltype == reltype]
        if not matching:
            raise KeyError(f"no relationship of type '{reltype}' in collection")
        if len(matching) > 1:
            raise ValueError(f"multiple relationships of type '{reltype}' in collection")
        if matching[0].external:
            raise ValueError("target_part property on _Relationship is undefined when target mode is External")
        return matching[0].target

    def related(self, source: str, rid: str) -> str:
        """The part `source` names by `rid` (KeyError when it names none)."""
        return self._related[source][rid]

    def is_xml_part(self, partname: str) -> bool:
        """Whether python-docx makes `partname` an XML part (the rest have no element to read)."""
        return self._reached_by[partname] != RT_IMAGE and self.content_types[partname] in XML_PART_TYPES

    def element(self, partname: str, root_tag: str | None = None, content_type: str | None = None) -> etree._Element:
        """The root element of an XML part, parsed once. `content_type` and `root_tag` when the caller
        reads the part through python-docx's class for that type and that root element (any other
        part or root lacks what it asks for: AttributeError, as there)."""
        if not self.is_xml_part(partname) or content_type not in (None, self.content_types[partname]):
            raise AttributeError(f"part {partname!r} ({self.content_types[partname]}) has no such element")
        if partname not in self._xml:
            self._xml[partname] = etree.fromstring(self._zf.read(partname[1:]), PARSER)
        root = self._xml[partname]
        if root_tag is not None and root.tag != root_tag:
            raise AttributeError(f"root element {root.tag!r} of {partname!r} is not {root_tag!r}")
        return root
