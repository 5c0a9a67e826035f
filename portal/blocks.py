"""StreamField blocks of the portal's own pages (home page, accessibility statement) and of the
site settings (main navigation, with its sub-menus), grouped by job in the editor's block menu.

A link block points at a page of the site or at an address: it refuses to be saved with neither
(`PageOrAddressBlock.clean`), rather than publishing a card or a menu entry that leads nowhere.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

LINKS = _("Liens")
ACCESSIBILITY = _("Accessibilité")


class PageOrAddressBlock(blocks.StructBlock):
    """A struct block with a `page` and a `url` child, one of which must be given.

    It declares no child itself: each block keeps its own fields, in its own order."""

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            message = gettext("Choisissez une page du site ou saisissez une adresse.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value


class HighlightBlock(PageOrAddressBlock):
    title = blocks.CharBlock(label=_("titre"))
    text = blocks.TextBlock(label=_("texte"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("ou adresse"), required=False)
    link_label = blocks.CharBlock(label=_("libellé du lien"), required=False)

    class Meta:
        icon = "pick"
        label = _("mise en avant")
        group = LINKS


class SectionLinkBlock(PageOrAddressBlock):
    title = blocks.CharBlock(label=_("titre"))
    description = blocks.TextBlock(label=_("description"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("ou adresse"), required=False, help_text=_("ex. /forum/"))

    class Meta:
        icon = "link"
        label = _("lien vers une rubrique")
        group = LINKS


class NavLinkBlock(PageOrAddressBlock):
    label = blocks.CharBlock(label=_("libellé"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("ou adresse"), required=False)

    class Meta:
        icon = "link"
        group = LINKS


class NavMenuBlock(blocks.StructBlock):
    """A main-navigation entry that opens a list of links (the design system's sub-menu): keeps
    the menu on one row however many sections the site has."""

    label = blocks.CharBlock(label=_("libellé"))
    links = blocks.ListBlock(NavLinkBlock(), label=_("liens"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("sous-menu")
        group = LINKS


class CriterionBlock(blocks.StructBlock):
    """One RGAA criterion the audit found not met, and what fails."""

    criterion = blocks.CharBlock(
        label=_("critère"), max_length=10, help_text=_("Par exemple 11.13")
    )
    description = blocks.TextBlock(label=_("ce qui n'est pas conforme"))

    class Meta:
        icon = "warning"
        label = _("non-conformité")
        group = ACCESSIBILITY
