"""Untrusted XML, parsed safely into a small tree whose elements know their line.

defusedxml's expat reader refuses any DTD, so no entity can expand (billion laughs) and no
external file or URL is ever opened. ElementTree keeps no line numbers, so the tree is built
here from SAX events, each element recording where its start tag is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import DefusedExpatParser, create_parser


class Refused(ValueError):
    """The XML is not parsed: not well-formed, or it declares what Tutor never expands."""

    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[Element] = field(default_factory=list)
    text: str = ""  # the character data directly inside, CDATA included

    def find(self, *path: str) -> Element | None:
        """The first element down this path of tags, or None."""
        node: Element | None = self
        for tag in path:
            node = next((c for c in node.children if c.tag == tag), None) if node else None
        return node

    def findall(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def text_at(self, *path: str) -> str:
        """The text of the element down this path, "" when there is none."""
        node = self.find(*path)
        return node.text if node else ""


class _Builder(ContentHandler):
    def __init__(self, parser: DefusedExpatParser):
        super().__init__()
        self.parser = parser
        self.stack: list[Element] = []
        self.root: Element | None = None
        self.parts: list[list[str]] = []

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        element = Element(name, dict(attrs), self.parser.getLineNumber(), self.parser.getColumnNumber() + 1)
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)
        self.parts.append([])

    def endElement(self, name: str) -> None:
        self.stack.pop().text = "".join(self.parts.pop())

    def characters(self, content: str) -> None:
        if self.parts:
            self.parts[-1].append(content)


def parse(text: str) -> Element:
    """The document's root element; Refused, with the line and a one-line reason, otherwise."""
    parser = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
    builder = _Builder(parser)
    parser.setContentHandler(builder)
    try:
        parser.feed(text)  # a str: the text is decoded already, whatever encoding the file declares
        parser.close()
    except DTDForbidden:
        raise _refused(parser, "the file declares a DTD (<!DOCTYPE>): Moodle XML has none, and Tutor "
                       "refuses DTDs because their entities can expand without limit or read other files") from None
    except (EntitiesForbidden, ExternalReferenceForbidden):
        raise _refused(parser, "the file declares an entity or refers to another file, which Tutor never reads") from None
    except SAXParseException as e:
        raise Refused(e.getLineNumber(), e.getColumnNumber() + 1, f"the XML is not well-formed: {e.getMessage()}") from None
    assert builder.root is not None  # expat reports a document without an element as malformed
    return builder.root


def _refused(parser: DefusedExpatParser, message: str) -> Refused:
    return Refused(parser.getLineNumber(), parser.getColumnNumber() + 1, message)
