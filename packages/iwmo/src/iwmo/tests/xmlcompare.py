"""Compare XML documents by namespace, element names and text, ignoring prefixes and layout."""

from lxml import etree


def normalised(xml: bytes) -> tuple:
    """A nested tuple ``(tag, text_or_children)``; whitespace between elements is ignored."""
    return _node(etree.fromstring(xml))


def _node(el: etree._Element) -> tuple:
    children = [child for child in el if isinstance(child.tag, str)]
    if children:
        return (el.tag, tuple(_node(child) for child in children))
    return (el.tag, el.text or "")
