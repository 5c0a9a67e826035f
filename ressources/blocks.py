"""StreamField blocks of the resource pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .validators import timecode_seconds, validate_timecode


class SpeakerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("nom"), max_length=120)
    role = blocks.CharBlock(label=_("fonction"), max_length=150, required=False)
    organisation = blocks.CharBlock(label=_("organisation"), max_length=150, required=False)

    class Meta:
        icon = "user"
        label = _("intervenant·e")
        template = "ressources/blocks/speaker.html"


class ChapterBlock(blocks.StructBlock):
    timecode = blocks.CharBlock(
        label=_("minutage"),
        max_length=8,
        validators=[validate_timecode],
        help_text=_("mm:ss ou hh:mm:ss"),
    )
    title = blocks.CharBlock(label=_("titre du chapitre"), max_length=200)

    class Meta:
        icon = "time"
        label = _("chapitre")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["seconds"] = timecode_seconds(value["timecode"])
        return context


class ExampleBlock(blocks.StructBlock):
    collectivite = blocks.CharBlock(label=_("collectivité"), max_length=200)
    year = blocks.IntegerBlock(label=_("année"), required=False, min_value=2000, max_value=2100)
    description = blocks.TextBlock(label=_("mise en œuvre"))

    class Meta:
        icon = "doc-full"
        label = _("exemple d'utilisation")


class RelatedPageBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("page"))
    note = blocks.CharBlock(label=_("précision"), max_length=200, required=False)

    class Meta:
        icon = "link"
        label = _("ressource liée")
