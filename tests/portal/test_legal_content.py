"""The legal statements of the demo content against the references module and the calendar."""

import ast
import re
import tomllib
from datetime import date
from pathlib import Path

import pytest

from portal import legal

ROOT = Path(__file__).resolve().parents[2]
DEMO_MODULES = [
    "portal/demo.py",
    "fiches/demo.py",
    "ressources/demo.py",
    "forum/demo.py",
    "promotions/demo.py",
    "diagnostic/demo.py",
    "diagnostic/recommendations.py",
    "diagnostic/rules.py",
    "diagnostic/scoring.py",
    "diagnostic/forms.py",
]
# The texts the seeders read from data files (`<app>/demo_content/*.toml`).
DEMO_DATA = sorted(ROOT.glob("*/demo_content/*.toml"))
DEMO_TEMPLATES = ["templates/diagnostic", "templates/fiches", "templates/portal"]

MONTHS = {name: number for number, name in enumerate(legal.MONTHS, start=1)}
DEADLINE = re.compile(
    r"au plus tard (?:le |en |au |à )?(?:(?P<day>1er|\d{1,2}) )?(?P<month>"
    + "|".join(legal.MONTHS)
    + r")? ?(?P<year>20\d\d)",
    re.IGNORECASE,
)


def past_deadlines(text, today):
    """The « au plus tard » dates of `text` that have passed on `today`."""
    past = []
    for match in DEADLINE.finditer(text):
        year = int(match["year"])
        month = MONTHS.get((match["month"] or "").lower(), 12)
        day = 1 if match["day"] == "1er" else int(match["day"] or 28)
        if date(year, month, day) < today:
            past.append(match.group(0))
    return past


def data_strings(value):
    """Every string of a value read from TOML."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from data_strings(item)


def demo_strings():
    """Every string constant of the demo modules and data files, and the text of the templates."""
    for name in DEMO_MODULES:
        tree = ast.parse((ROOT / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield name, node.value
    for path in DEMO_DATA:
        name = str(path.relative_to(ROOT))
        with path.open("rb") as file:
            for text in data_strings(tomllib.load(file)):
                yield name, text
    for folder in DEMO_TEMPLATES:
        for path in sorted((ROOT / folder).rglob("*.html")):
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, today, expected",
    [
        ("au plus tard en août 2026", date(2026, 12, 3), ["au plus tard en août 2026"]),
        ("au plus tard le 21 août 2026", date(2026, 8, 21), []),
        ("au plus tard le 21 août 2026", date(2026, 8, 22), ["au plus tard le 21 août 2026"]),
        ("au plus tard en 2030", date(2026, 12, 3), []),
        ("Au plus tard en 2025, 100 %", date(2026, 12, 3), ["Au plus tard en 2025"]),
    ],
)
def test_past_deadlines_reads_french_dates(text, today, expected):
    assert past_deadlines(text, today) == expected


def test_no_demo_text_says_au_plus_tard_about_a_past_date():
    found = [
        (name, deadline)
        for name, text in demo_strings()
        for deadline in past_deadlines(text, date.today())
    ]
    assert found == []


def test_the_demo_data_files_are_read():
    apps = {path.parent.parent.name for path in DEMO_DATA}
    assert apps >= {"fiches", "ressources", "forum", "promotions"}


def test_every_cited_article_is_a_known_reference():
    unknown = {
        (name, article)
        for name, text in demo_strings()
        for article in legal.cited_articles(text)
        if article not in legal.REFERENCES
    }
    assert unknown == set()


def test_no_link_to_a_dated_article_version_and_no_outdated_statement():
    for name, text in demo_strings():
        assert "LEGIARTI" not in text, name
        for outdated in ("cinq flux", "disparaît avec l'entrée en vigueur", "Plus de 300 "):
            assert outdated not in text, (name, outdated)


def test_the_reform_date_is_the_same_everywhere():
    for name, text in demo_strings():
        assert "22 août 2026" not in text, name


def test_references_link_to_the_version_in_force():
    for ref in legal.REFERENCES.values():
        assert ref.url.startswith("https://www.legifrance.gouv.fr/search/")
        assert ref.applies_from <= legal.REVIEWED_ON
    assert legal.reference("L2111-3").url.endswith("query=L2111-3")


def test_what_changed_is_dated_and_in_order():
    days = [change.day for change in legal.CHANGES]
    assert days == sorted(days)
    assert {day.year for day in days} >= {2014, 2015, 2021, 2022, 2023, 2024, 2026}
    for change in legal.CHANGES:
        assert all(article in legal.REFERENCES for article in change.sources)


def test_cited_articles_normalises_spellings():
    assert legal.cited_articles("art. L. 2112-2-1 et R2152-7, D 2111-3") == {
        "L2112-2-1",
        "R2152-7",
        "D2111-3",
    }


def test_readme_states_the_review_date_of_the_references_module():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    day = legal.REVIEWED_ON
    stated = f"Contenu juridique vérifié le {day.day} {legal.MONTHS[day.month - 1]} {day.year}"
    assert stated in readme


def test_every_code_article_is_labelled_and_searched_as_such():
    for ref in legal.REFERENCES.values():
        if ref.article.startswith(("L", "R", "D")):
            assert ref.text in legal.CODES, ref.article
            assert ref.label.startswith(f"art. {ref.article} du code"), ref.label
            assert "searchField=NUM_ARTICLE" in ref.url
