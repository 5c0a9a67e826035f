"""The main navigation: links and the design system's sub-menus, from the site settings."""

import re

from portal import demo as portal_demo
from portal.models import SiteSettings, StandardPage


def test_a_sub_menu_opens_its_links_and_marks_the_current_section(client, home_page):
    guide = home_page.add_child(instance=StandardPage(title="Guide", slug="guide"))
    settings = SiteSettings.for_site(home_page.get_site())
    settings.main_navigation = [
        ("link", {"label": "Forum", "page": None, "url": "/forum/"}),
        (
            "menu",
            {
                "label": "Ressources",
                "links": [
                    {"label": "Le guide", "page": guide, "url": ""},
                    {"label": "Clauses types", "page": None, "url": "/clauses-types/"},
                ],
            },
        ),
    ]
    settings.save()

    html = client.get(guide.url).content.decode()
    button = re.search(r'<button type="button" class="fr-nav__btn"[^>]*>Ressources</button>', html)
    assert button, "the sub-menu is a disclosure button"
    assert 'aria-expanded="false"' in button.group() and 'aria-current="true"' in button.group()
    menu_id = re.search(r'aria-controls="([^"]+)"', button.group()).group(1)
    menu = re.search(rf'<div class="fr-collapse fr-menu" id="{menu_id}">(.*?)</div>', html, re.S)
    assert menu, "the button controls the list of its links"
    assert f'href="{guide.url}" aria-current="page">Le guide</a>' in menu.group(1)
    assert 'href="/clauses-types/" >Clauses types</a>' in menu.group(1)
    assert 'href="/forum/" >Forum</a>' in html

    html = client.get("/").content.decode()
    assert 'aria-current="true"' not in html


def test_the_demo_gathers_the_library_in_one_sub_menu_once(home_page):
    for _ in range(2):
        portal_demo.add_nav_link("Forum", "/forum/")
        portal_demo.add_nav_link("Fiches SPASER", "/fiches/", menu=portal_demo.RESOURCES_MENU)
        portal_demo.add_nav_link("Webinaires", "/webinaires/", menu=portal_demo.RESOURCES_MENU)
    settings = SiteSettings.objects.get()
    assert [block.block_type for block in settings.main_navigation] == ["link", "menu"]
    menu = settings.main_navigation[1].value
    assert menu["label"] == "Ressources"
    assert [link["url"] for link in menu["links"]] == ["/fiches/", "/webinaires/"]
    labels = [link["label"] for link in portal_demo.navigation_links(settings)]
    assert labels == ["Forum", "Fiches SPASER", "Webinaires"]
