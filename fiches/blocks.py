"""The body of a SPASER fiche: objective, legal references, steps, good practice, indicators."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class ObjectiveBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("titre"), required=False, default="Objectif")
    text = blocks.RichTextBlock(label=_("texte"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "success"
        label = _("objectif")
        template = "fiches/blocks/objective.html"


class LegalReferenceBlock(blocks.StructBlock):
    article = blocks.CharBlock(label=_("article"), help_text=_("ex. L2111-3"))
    source = blocks.CharBlock(
        label=_("texte"), required=False, default="Code de la commande publique"
    )
    summary = blocks.TextBlock(label=_("ce que dit le texte"), required=False)
    url = blocks.URLBlock(label=_("lien Légifrance"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("référence juridique")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("étape"))
    text = blocks.RichTextBlock(
        label=_("description"), features=["bold", "italic", "link", "ul", "ol"]
    )

    class Meta:
        icon = "list-ol"
        label = _("étape")


class EncadreBlock(blocks.StructBlock):
    """A good practice told by a collectivité, quoted."""

    title = blocks.CharBlock(label=_("titre"), required=False, default="Bonne pratique")
    quote = blocks.TextBlock(label=_("citation"))
    person = blocks.CharBlock(label=_("personne citée"), required=False)
    organisation = blocks.CharBlock(label=_("collectivité"))

    class Meta:
        icon = "openquote"
        label = _("encadré bonne pratique")
        template = "fiches/blocks/encadre.html"


class IndicatorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("indicateur"))
    unit = blocks.CharBlock(label=_("unité ou mode de calcul"), required=False)
    target = blocks.CharBlock(label=_("cible"), required=False)

    class Meta:
        icon = "order"
        label = _("indicateur")


class DownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("libellé"), required=False)

    class Meta:
        icon = "download"
        label = _("téléchargement")


class FicheBodyBlock(blocks.StreamBlock):
    objective = ObjectiveBlock()
    paragraph = blocks.RichTextBlock(
        label=_("paragraphe"), features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )
    legal_references = blocks.ListBlock(
        LegalReferenceBlock(),
        label=_("références juridiques"),
        template="fiches/blocks/legal_references.html",
    )
    steps = blocks.ListBlock(StepBlock(), label=_("étapes"), template="fiches/blocks/steps.html")
    encadre = EncadreBlock()
    indicators = blocks.ListBlock(
        IndicatorBlock(),
        label=_("indicateurs à suivre"),
        template="fiches/blocks/indicators.html",
    )
    downloads = blocks.ListBlock(
        DownloadBlock(), label=_("téléchargements"), template="fiches/blocks/downloads.html"
    )


class RelatedPagesBlock(blocks.StreamBlock):
    page = blocks.PageChooserBlock(label=_("page liée"))
