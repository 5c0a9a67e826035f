"""RGAA 12.1: a site map, for people (/plan-du-site/) and for search engines (/sitemap.xml)."""

import lxml.etree
import lxml.html
import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from portal.models import StandardPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def pages(home_page):
    about = home_page.add_child(instance=StandardPage(title="À propos", slug="a-propos"))
    team = about.add_child(instance=StandardPage(title="L'équipe", slug="equipe"))
    draft = home_page.add_child(
        instance=StandardPage(title="Brouillon", slug="brouillon", live=False)
    )
    private = home_page.add_child(instance=StandardPage(title="Réservé", slug="reserve"))
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"published": [home_page, about, team], "hidden": [draft, private]}


def _published_urls(home_page):
    return {
        page.url for page in Page.objects.descendant_of(home_page, inclusive=True).live().public()
    }


def test_sitemap_xml_lists_every_published_page_and_the_sections(client, pages, home_page):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    locations = {
        location.split("://", 1)[1].split("/", 1)[1]
        for location in lxml.etree.fromstring(response.content).xpath(
            "//s:url/s:loc/text()", namespaces=SITEMAP_NS
        )
    }
    locations = {"/" + location for location in locations}
    assert _published_urls(home_page) <= locations
    assert {page.url for page in pages["published"]} <= locations
    assert not {"/brouillon/", "/reserve/"} & locations
    for name in ("forum:index", "diagnostic:index", "promotions:index", "portal:site_map"):
        assert reverse(name) in locations


def test_plan_du_site_links_every_published_page_and_the_sections(client, pages, home_page):
    response = client.get("/plan-du-site/")
    assert response.status_code == 200
    document = lxml.html.fromstring(response.content)
    assert document.findtext(".//title").startswith("Plan du site")
    links = {link.get("href") for link in document.xpath("//main//a")}
    assert _published_urls(home_page) <= links
    assert not {"/brouillon/", "/reserve/"} & links
    for name in ("search", "forum:index", "diagnostic:index", "portal:legal_changes"):
        assert reverse(name) in links
    # The tree is nested: a child page sits in its parent's list.
    (team,) = document.xpath("//main//a[@href='/a-propos/equipe/']")
    assert team.getparent().getparent().getparent().find("a").get("href") == "/a-propos/"


def test_every_page_links_to_the_site_map_from_its_footer(client, home_page):
    document = lxml.html.fromstring(client.get("/").content)
    assert document.xpath("//footer//a[@href='/plan-du-site/']")
