"""Markdown written by members, rendered to sanitised HTML (no script, no style, safe links)."""

import markdown
import nh3
from django.utils.translation import gettext as _

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTENSIONS = ["fenced_code", "tables", "sane_lists", "nl2br"]


def render_markdown(source: str) -> str:
    """Markdown to HTML, then an allow-list clean: links get rel="nofollow ugc"."""
    html = markdown.markdown(source or "", extensions=EXTENSIONS, output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    )


def quote_markdown(author_name: str, source: str) -> str:
    """The text of a post as a Markdown quotation, to pre-fill a reply."""
    lines = [">" + " " + _("**%(name)s** a écrit :") % {"name": author_name}, ">"]
    lines += [f"> {line}".rstrip() for line in (source or "").strip().splitlines()]
    return "\n".join(lines) + "\n\n"
