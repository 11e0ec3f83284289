"""Validators every write path shares: the editor's form, the import and anything else that
saves a page (they all run the model fields' clean, see residences/fields.py)."""

import html
import re

from bs4 import BeautifulSoup, NavigableString
from bs4.formatter import HTMLFormatter
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.images.formats import get_image_formats
from wagtail.rich_text import features as feature_registry
from wagtail.whitelist import Whitelister

from residences import geo

# Stored rich text may carry this much markup per character of text. Past it, the value is
# refused before it is parsed, so a huge value never reaches the HTML parser.
MARKUP_PER_TEXT_CHARACTER = 5
# Elements whose content is code or a foreign document, never text for a reader: they go
# with their content. Other unknown elements are unwrapped and keep their text.
DROPPED_ELEMENTS = frozenset(("script", "style", "template", "iframe", "object", "noscript"))
# Draftail's block keys; Wagtail anchors comments on them, so the editor's keys stay.
BLOCK_KEY = re.compile(r"[0-9a-z]{1,16}")
DIGITS = re.compile(r"[0-9]{1,18}")


class StoredFormatter(HTMLFormatter):
    """Writes text and attribute order as Wagtail's editor stores them (only &, < and >
    escaped in text), and attribute values fully escaped in double quotes, which Wagtail's
    rewriters of stored rich text expect."""

    def substitute(self, ns):
        return html.escape(ns, quote=False)

    def attribute_value(self, value):
        return escape(value)

    def attributes(self, tag):
        return list(tag.attrs.items())  # in the order the editor writes them


STORED_FORMAT = StoredFormatter()


def validate_postcode(value: str) -> None:
    if value and not geo.is_valid_postcode(value):
        raise ValidationError(
            _("Vul een Nederlandse postcode in, zoals 3011 AB."), code="invalid_postcode"
        )


def validate_rich_text_size(value: str, max_length: int) -> None:
    """Refuse, before any parsing, a value whose markup alone is far past the text limit."""
    limit = max_length * MARKUP_PER_TEXT_CHARACTER
    if value and len(value) > limit:
        raise ValidationError(
            _(
                "Deze tekst is te groot: %(size)s tekens met opmaak, ten hoogste %(limit)s "
                "(ten hoogste %(max_length)s tekens tekst)."
            ),
            code="rich_text_too_large",
            params={"size": len(value), "limit": limit, "max_length": max_length},
        )


def sanitise_rich_text(html: str, features) -> str:
    """Reduce stored rich text to what the field's editor features allow."""
    if not html:
        return ""
    return StoredRichTextWhitelister(features).clean(html)


class StoredRichTextWhitelister(Whitelister):
    """Wagtail's whitelister for the stored format (`<a linktype="page" id="3">`,
    `<embed embedtype="image" id="5" format="left" alt="…"/>`), with the element, link and
    embed rules of the field's features as Wagtail registers them for its editors.

    Wagtail's own DbWhitelister does the same for the editor's format (`data-linktype`);
    the import and the model receive the stored format, so links and embeds are checked here.
    """

    def __init__(self, features):
        # Wagtail's admin modules load models on import: imported here, not with this module.
        from wagtail.admin.rich_text.converters.editor_html import (
            BASE_WHITELIST_RULES,
            EmbedTypeRule,
            LinkTypeRule,
            WhitelistRule,
        )

        rules = []
        for feature in features or ():
            rules.extend(feature_registry.get_converter_rule("editorhtml", feature) or ())
        self.element_rules = {
            **BASE_WHITELIST_RULES,
            **{rule.element: rule.handler for rule in rules if isinstance(rule, WhitelistRule)},
        }
        self.link_types = {rule.link_type for rule in rules if isinstance(rule, LinkTypeRule)}
        self.embed_types = {rule.embed_type for rule in rules if isinstance(rule, EmbedTypeRule)}

    def clean(self, html):
        doc = BeautifulSoup(html, "html.parser")
        self.clean_node(doc, doc)
        return doc.decode(formatter=STORED_FORMAT)

    def clean_string_node(self, doc, node):
        # Comments, CDATA sections, doctypes and processing instructions are written back
        # unescaped; a browser may read their content as markup. Only plain text stays.
        if type(node) is not NavigableString:
            node.extract()

    def clean_tag_node(self, doc, tag):
        if tag.name in DROPPED_ELEMENTS:
            tag.decompose()
        elif tag.name == "embed":
            self.clean_embed(tag)
        elif tag.name == "a" and "linktype" in tag.attrs:
            self.clean_typed_link(doc, tag)
        else:
            block_key = tag.attrs.get("data-block-key")
            if tag.name == "div":
                tag.name = "p"
            super().clean_tag_node(doc, tag)
            if tag.parent is not None and block_key and BLOCK_KEY.fullmatch(block_key):
                tag["data-block-key"] = block_key

    def clean_embed(self, tag):
        attrs = tag.attrs
        embed_type = attrs.get("embedtype")
        image_format = attrs.get("format")
        if (
            embed_type != "image"
            or embed_type not in self.embed_types
            or not DIGITS.fullmatch(attrs.get("id", ""))
            or image_format not in {each.name for each in get_image_formats()}
        ):
            tag.decompose()
            return
        tag.attrs = {
            "embedtype": embed_type,
            "format": image_format,
            "id": attrs["id"],
            "alt": attrs.get("alt", ""),
        }
        tag.can_be_empty_element = True
        tag.clear()

    def clean_typed_link(self, doc, tag):
        for child in list(tag.contents):
            self.clean_node(doc, child)
        link_type, object_id = tag.attrs.get("linktype"), tag.attrs.get("id", "")
        if link_type not in self.link_types or not DIGITS.fullmatch(object_id):
            tag.unwrap()
            return
        tag.attrs = {"linktype": link_type, "id": object_id}
