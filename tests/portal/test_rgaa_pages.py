"""RGAA checks a machine can make on every main page of the demo, as each role sees it.

The pages are those of the accessibility and HTML validity checks (`tests/site_pages.py`), forms
sent empty included. Each test names the RGAA 4.1 criterion it stands for.
"""

import re
from collections import defaultdict
from urllib.parse import parse_qsl, urlencode, urlsplit

import lxml.html
import pytest

from tests.site_pages import prepare_visits

pytestmark = pytest.mark.django_db

NOT_FOUND = "page introuvable"
NEW_WINDOW = "nouvelle fenêtre"
INDICATOR_KEYS = ("env", "social", "esus", "sme", "local")


def fetch_pages():
    """{label: lxml document} of every page, and the labels of the pages of a failed POST."""
    documents, failed_posts = {}, set()
    for visit in prepare_visits():
        for name, url in visit.pages.items():
            response = visit.client.get(url)
            assert response.status_code == (404 if name == NOT_FOUND else 200), (visit.role, url)
            label = f"{visit.role} — {name} ({url})"
            documents[label] = lxml.html.fromstring(response.content)
            if name.endswith("en erreur") and "?" in url:
                failed_posts.add(label)  # a search form sent by GET, refused: the same rule
        for name, form in visit.invalid_forms.items():
            response = visit.client.post(form.action, form.data)
            assert response.status_code == 200, (visit.role, name)
            label = f"{visit.role} — {name} (POST {form.action})"
            documents[label] = lxml.html.fromstring(response.content)
            failed_posts.add(label)
    assert len(documents) > 50 and len(failed_posts) >= 7
    return documents, failed_posts


def _text(element):
    """The text a screen reader reads, without what is hidden from it."""
    parts = [element.text or ""]
    for child in element:
        if child.get("aria-hidden") != "true":
            parts.append(_text(child) if child.tag != "img" else child.get("alt", ""))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def accessible_name(link):
    return " ".join((link.get("aria-label") or _text(link) or link.get("title") or "").split())


def _target(href):
    """The page a link leads to: `?next=` (where to come back after logging in) aside."""
    parts = urlsplit(href)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "next"])
    return parts._replace(query=query).geturl()


def _report(problems):
    return "\n".join(f"{label}\n  " + "\n  ".join(lines) for label, lines in problems.items())


def check_failed_form_title_starts_with_erreur(pages):
    """RGAA 8.6 / 11.10: after a failed POST the page title says so first."""
    documents, failed_posts = pages
    titles = {label: documents[label].findtext(".//title") for label in failed_posts}
    wrong = {label: title for label, title in titles.items() if not title.startswith("Erreur")}
    assert not wrong, wrong
    # …and only then: a page displayed without a POST keeps its own title.
    unchanged = [
        label
        for label, document in documents.items()
        if label not in failed_posts and document.findtext(".//title").startswith("Erreur")
    ]
    assert not unchanged, unchanged


def check_links_with_the_same_text_and_different_targets_have_distinct_names(pages):
    """RGAA 6.1: each link's purpose is clear from its accessible name."""
    documents, _failed = pages
    problems = defaultdict(list)
    for label, document in documents.items():
        by_text = defaultdict(dict)
        for link in document.iter("a"):
            href = link.get("href")
            if not href or href.startswith("#"):
                continue
            by_text[_text(link)][_target(href)] = accessible_name(link)
        for text, names in by_text.items():
            if len(names) > 1 and len(set(names.values())) < len(names):
                problems[label].append(f"« {text} » → {sorted(names)}")
    assert not problems, _report(problems)


def check_links_opening_a_new_window_say_so(pages):
    """RGAA 13.2 (and the DSFR rule): a link with target="_blank" says it opens a new window."""
    documents, _failed = pages
    problems = defaultdict(list)
    for label, document in documents.items():
        for link in document.xpath("//a[@target='_blank']"):
            said = f"{accessible_name(link)} {link.get('title', '')}".lower()
            if NEW_WINDOW not in said:
                problems[label].append(lxml.html.tostring(link, encoding="unicode")[:200])
    assert not problems, _report(problems)


def check_search_is_offered_at_every_width(pages):
    """RGAA 12.1: the search stays reachable when the header folds (below 992 px): a button in
    the header's navbar opens the search modal, as the DSFR header pattern does."""
    documents, _failed = pages
    missing = []
    for label, document in documents.items():
        modal = document.get_element_by_id("search-modal", None)
        buttons = document.xpath(
            "//div[contains(@class, 'fr-header__navbar')]//button[@aria-controls='search-modal']"
        )
        if modal is None or not buttons or not accessible_name(buttons[0]):
            missing.append(label)
    assert not missing, missing


STORED_FILE = re.compile(
    r"^/documents/\d+/|/espace/documents/\d+/$|^/documents-partages/\d+/telecharger/$"
)
FORMAT_AND_SIZE = re.compile(r"\b[A-Z0-9]{2,5}\b – [\d,.]+\s(octets?|[KMG]io|[kKMG]o)\b")


def check_downloads_state_format_and_size(pages):
    """RGAA 6.1 (and the DSFR download pattern): a link to a stored file states its format and
    its size."""
    documents, _failed = pages
    problems = defaultdict(list)
    seen = 0
    for label, document in documents.items():
        for link in document.xpath("//main//a[@href]"):
            if not STORED_FILE.search(link.get("href")):
                continue
            seen += 1
            if not FORMAT_AND_SIZE.search(_text(link)):
                problems[label].append(f"{link.get('href')}: « {_text(link)} »")
    assert not problems, _report(problems)
    assert seen, "no download of a stored file on the pages checked"


AUTOCOMPLETE = {
    "email": "email",
    "login": "email",
    "first_name": "given-name",
    "last_name": "family-name",
    "job_title": "organization-title",
    "organisation_name": "organization",
}


def check_fields_about_the_user_carry_autocomplete(pages):
    """RGAA 11.13: a field asking for the user's name, email, job or organisation says which."""
    documents, _failed = pages
    problems = defaultdict(list)
    seen = set()
    for label, document in documents.items():
        for field in document.xpath("//main//input[@name]"):
            expected = AUTOCOMPLETE.get(field.get("name"))
            if expected is None or field.get("type") == "hidden":
                continue
            seen.add(field.get("name"))
            if field.get("autocomplete") != expected:
                problems[label].append(f"{field.get('name')}: {field.get('autocomplete')!r}")
    assert not problems, _report(problems)
    assert seen == set(AUTOCOMPLETE), seen


def _group_legend(element):
    fieldset = next(element.iterancestors("fieldset"), None)
    legend = fieldset.find("legend") if fieldset is not None else None
    return _text(legend) if legend is not None else ""


def check_radio_checkbox_groups_and_indicator_pairs_sit_in_fieldsets(pages):
    """RGAA 11.5 / 11.6 / 11.2: grouped fields are in a fieldset whose legend names the group,
    and no two fields of a form share a label."""
    documents, _failed = pages
    problems = defaultdict(list)
    for label, document in documents.items():
        for form in document.xpath("//main//form"):
            groups = defaultdict(list)
            for field in form.xpath(".//input[@type='radio' or @type='checkbox']"):
                groups[field.get("name")].append(field)
            for key in INDICATOR_KEYS:
                groups[f"{key}_share"].extend(form.xpath(f".//input[@name='{key}_share']"))
            for name, fields in groups.items():
                if len(fields) < 2 and not name.endswith("_share"):
                    continue
                for field in fields:
                    fieldset = next(field.iterancestors("fieldset"), None)
                    legend = fieldset.find("legend") if fieldset is not None else None
                    if legend is None or not _text(legend):
                        problems[label].append(f"{name}: no fieldset with a legend")
                        break
            # A share and its target share a fieldset.
            for key in INDICATOR_KEYS:
                share = form.xpath(f".//input[@name='{key}_share']")
                target = form.xpath(f".//input[@name='{key}_target']")
                if share and target:
                    pair = next(share[0].iterancestors("fieldset"), None)
                    if pair is None or target[0] not in pair.iter("input"):
                        problems[label].append(f"{key}: share and target not in one fieldset")
            # A label may repeat only under different legends (the group names each field).
            labels = [
                (_group_legend(tag), _text(tag))
                for tag in form.xpath(".//label[@for]")
                if not form.xpath(
                    f".//input[@id='{tag.get('for')}' and (@type='radio' or @type='checkbox')]"
                )
            ]
            duplicates = {
                text for item in labels if labels.count(item) > 1 for _legend, text in [item]
            }
            if duplicates:
                problems[label].append(f"same label for several fields: {sorted(duplicates)}")
    assert not problems, _report(problems)


def check_sign_up_errors_are_summed_up_with_links_to_the_fields(pages):
    """RGAA 11.10: sign-up in error shows a summary (role="alert") linking to each field, and
    required fields are marked."""
    documents, _failed = pages
    (label,) = [label for label in documents if "inscription en erreur" in label]
    document = documents[label]
    (summary,) = document.xpath("//main//*[@role='alert']")
    targets = {link.get("href").lstrip("#") for link in summary.iter("a")}
    for name in ("email", "first_name", "last_name", "password1"):
        (field,) = document.xpath(f"//main//input[@name='{name}']")
        assert field.get("id") in targets, name
        (field_label,) = document.xpath(f"//label[@for='{field.get('id')}']")
        assert re.search(r"\*", _text(field_label)), name
    assert "astérisque" in _text(document.find(".//main"))


CHECKS = [
    check_failed_form_title_starts_with_erreur,
    check_links_with_the_same_text_and_different_targets_have_distinct_names,
    check_links_opening_a_new_window_say_so,
    check_search_is_offered_at_every_width,
    check_fields_about_the_user_carry_autocomplete,
    check_radio_checkbox_groups_and_indicator_pairs_sit_in_fieldsets,
    check_sign_up_errors_are_summed_up_with_links_to_the_fields,
    check_downloads_state_format_and_size,
]


def test_main_pages_meet_the_rgaa_criteria_a_machine_can_check(demo_site):
    """The demo is seeded once (it takes a minute); every check runs and all failures are told."""
    pages = fetch_pages()
    failures = []
    for check in CHECKS:
        try:
            check(pages)
        except (AssertionError, ValueError) as error:
            failures.append(f"{check.__name__}: {check.__doc__.splitlines()[0]}\n{error}")
    if failures:
        pytest.fail("\n\n".join(failures), pytrace=False)
