"""Markdown written by members, rendered to sanitised HTML (no script, no style, safe links).

Rendering has a budget, so that no text can make it slow (python-markdown took 91 s of CPU on
20,000 × « [ »):

- markdown-it-py (CommonMark, raw HTML disabled, nesting capped at 20 levels by its parser)
  renders in time linear in the text;
- a text longer than `MAX_BODY_LENGTH` (the forms refuse it; older or admin-written texts may be)
  is shown as plain paragraphs;
- a text with more than `MARKUP_BUDGET` delimiters (links, images, emphasis, code, tables) or
  more than `LINE_BUDGET` lines is shown as written, in plain paragraphs, instead of building
  thousands of candidate links or line breaks.

The HTML is rendered once, when the post is written (``Post.set_body``, before the transaction),
stored in ``Post.body_html`` and never re-rendered by a page view.
"""

import re

import nh3
from django.utils.html import escape
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

MAX_BODY_LENGTH = 10_000
MARKUP_BUDGET = 1_000
LINE_BUDGET = 1_000

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

_DELIMITERS = re.compile(r"[\[\]!*_`~<>|\\&]")

_parser = MarkdownIt("commonmark", {"html": False, "breaks": True, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def _clean(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc",
        strip_comments=True,
    )


def _plain(source):
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", source) if part.strip()]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in part.splitlines()) + "</p>"
        for part in paragraphs
    )


def render_markdown(source: str) -> str:
    """Markdown to HTML, then an allow-list clean: links get rel="nofollow ugc"."""
    source = (source or "").replace("\r\n", "\n").replace("\x00", "\ufffd")
    if (
        len(source) > MAX_BODY_LENGTH
        or source.count("\n") > LINE_BUDGET
        or len(_DELIMITERS.findall(source)) > MARKUP_BUDGET
    ):
        return _clean(_plain(source))
    return _clean(_parser.render(source))


def quote_markdown(author_name: str, source: str) -> str:
    """The text of a post as a Markdown quotation, to pre-fill a reply."""
    lines = [">" + " " + _("**%(name)s** a écrit :") % {"name": author_name}, ">"]
    lines += [f"> {line}".rstrip() for line in (source or "").strip().splitlines()]
    return "\n".join(lines) + "\n\n"
