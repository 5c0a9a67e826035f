"""Member-written Markdown is rendered inert: no script, no style, no event handler, safe links."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from forum import services
from forum.markup import ALLOWED_TAGS, quote_markdown, render_markdown

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert('xss')>",
    "<svg onload=alert('xss')>",
    "[cliquez](javascript:alert('xss'))",
    "<a href=\"javascript:alert('xss')\">lien</a>",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="position:fixed;top:0">texte</p>',
    '<a href="https://exemple.fr" onclick="alert(\'xss\')">lien</a>',
    "<details open ontoggle=alert('xss')>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<form action="https://evil.example"><input name=p></form>',
]


class TagCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def live_tags(html):
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_is_inert(payload):
    html = render_markdown(payload)
    for tag, attrs in live_tags(html):
        assert tag in ALLOWED_TAGS, html
        for name, value in attrs.items():
            assert not name.startswith("on"), html
            assert name != "style", html
            if name == "href":
                assert value.split(":")[0] in ("http", "https", "mailto"), html


def test_links_are_nofollow_ugc():
    html = render_markdown("Voir [le guide](https://www.ecologie.gouv.fr/spaser).")
    assert 'href="https://www.ecologie.gouv.fr/spaser"' in html
    assert 'rel="nofollow ugc"' in html


def test_markdown_formatting_is_kept():
    html = render_markdown("**Important** :\n\n- clause sociale\n- critère\n\n> citation")
    assert "<strong>Important</strong>" in html
    assert "<li>clause sociale</li>" in html
    assert "<blockquote>" in html


def test_quote_prefixes_every_line():
    quoted = quote_markdown("Maya Ribault", "Première ligne\nSeconde ligne")
    assert quoted.startswith("> **Maya Ribault** a écrit :")
    assert "> Première ligne\n> Seconde ligne" in quoted


@pytest.mark.django_db
def test_payloads_are_inert_on_topic_page(client, author, category):
    body = "\n\n".join(PAYLOADS)
    topic = services.create_topic(category, author, "<script>alert('titre')</script>", body)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;titre&#x27;)&lt;/script&gt;" in page
    # Payloads may survive as escaped text, never as live tags or attributes.
    assert not re.search(r"<[^>]+\son\w+\s*=", page)
    assert not re.search(r"<a[^>]+href=\"javascript:", page)
    assert "<iframe" not in page
    assert "<svg" not in page
    index = client.get(reverse("forum:index")).content.decode()
    assert "<script>alert" not in index


@pytest.mark.django_db
def test_quote_link_prefills_reply_without_js(client, author, other, topic):
    post = services.add_reply(topic, author, "Nous visons **5 %** d'heures d'insertion.")
    client.force_login(other)
    response = client.get(f"{topic.get_absolute_url()}?citer={post.pk}")
    assert "&gt; **Maya Ribault** a écrit :" in response.content.decode()
    assert "&gt; Nous visons **5 %** d&#x27;heures d&#x27;insertion." in response.content.decode()
    response = client.get(reverse("forum:reply", args=[topic.pk]) + f"?citer={post.pk}")
    assert "&gt; Nous visons" in response.content.decode()
    response = client.get(f"{topic.get_absolute_url()}?citer=abc")
    assert response.status_code == 200


FRAGMENTS = [
    "<script>",
    "</script>",
    "<img src=x ",
    "onerror=",
    'onmouseover="',
    "javascript:",
    "[lien](",
    ")",
    '<a href="',
    '">',
    "<style>",
    'style="',
    "<iframe ",
    "**",
    "> ",
    "\n\n",
    "`",
    "<!--",
    "-->",
    "&lt;",
    "<svg/onload=",
    "data:",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=8)), max_size=25))
def test_random_markup_never_yields_live_code(parts):
    html = render_markdown("".join(parts))
    for tag, attrs in live_tags(html):
        assert tag in ALLOWED_TAGS
        for name, value in attrs.items():
            assert not name.startswith("on")
            assert name != "style"
            if name == "href" and value:
                # What a browser would take as the scheme (leading spaces and controls dropped).
                scheme = urlsplit(value.lstrip("".join(map(chr, range(33))))).scheme.lower()
                assert scheme in ("", "http", "https", "mailto"), value
