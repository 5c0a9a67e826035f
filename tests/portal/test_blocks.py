"""The portal's link blocks lead somewhere: a page of the site or an address, never neither."""

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from portal.blocks import HighlightBlock, NavLinkBlock, NavMenuBlock, SectionLinkBlock
from portal.models import HomePage, SiteSettings

MESSAGE = "Choisissez une page du site ou saisissez une adresse."

LINK_BLOCKS = [
    (HighlightBlock, {"title": "À la une", "text": "Texte", "link_label": "Lire"}),
    (SectionLinkBlock, {"title": "Forum", "description": "Entraide"}),
    (NavLinkBlock, {"label": "Forum"}),
]


def clean(block_class, **data):
    block = block_class()
    return block.clean(block.to_python(data))


@pytest.mark.parametrize("block_class, data", LINK_BLOCKS)
def test_a_link_without_page_or_address_is_refused_in_french(block_class, data):
    with pytest.raises(StructBlockValidationError) as error:
        clean(block_class, **data, page=None, url="")
    assert set(error.value.block_errors) == {"page", "url"}
    assert error.value.block_errors["page"].messages == [MESSAGE]
    assert error.value.block_errors["url"].messages == [MESSAGE]


@pytest.mark.parametrize("block_class, data", LINK_BLOCKS)
def test_an_address_is_enough(block_class, data):
    value = clean(block_class, **data, page=None, url="https://example.org/forum/")
    assert value["url"] == "https://example.org/forum/"


@pytest.mark.django_db
@pytest.mark.parametrize("block_class, data", LINK_BLOCKS)
def test_a_page_is_enough(block_class, data, home_page):
    value = clean(block_class, **data, page=home_page.pk, url="")
    assert value["page"].pk == home_page.pk


def test_the_pages_and_settings_fields_use_the_checked_blocks():
    fields = {
        HomePage._meta.get_field("highlights"): [HighlightBlock],
        HomePage._meta.get_field("sections"): [SectionLinkBlock],
        SiteSettings._meta.get_field("main_navigation"): [NavLinkBlock, NavMenuBlock],
    }
    for field, block_classes in fields.items():
        children = field.stream_block.child_blocks.values()
        assert [type(child) for child in children] == block_classes
    assert type(NavMenuBlock().child_blocks["links"].child_block) is NavLinkBlock


def test_a_sub_menu_refuses_a_link_that_leads_nowhere():
    block = NavMenuBlock()
    value = block.to_python(
        {"label": "Ressources", "links": [{"label": "Fiches", "page": None, "url": ""}]}
    )
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "links" in error.value.block_errors
