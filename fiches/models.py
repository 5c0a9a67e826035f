"""SPASER fiches: one page per purchase family, filtered by theme, family and type of collectivité."""

import re
from html import unescape

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import CollectiviteType, FamilleAchat, ResourcePageMixin, Theme

from .blocks import FicheBodyBlock, RelatedPagesBlock

FICHES_PER_PAGE = 12
TAG_RE = re.compile(r"<[^>]+>")


def _strings(value):
    """Every human-readable string inside a StreamField's raw JSON (HTML tags removed)."""
    if isinstance(value, str):
        if value.startswith(("http://", "https://")):
            return
        text = unescape(TAG_RE.sub(" ", value)).strip()
        if text:
            yield text
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("id", "type"):
                yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


class FicheIndexPage(Page):
    intro = models.TextField(_("chapeau"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["fiches.FichePage"]

    class Meta:
        verbose_name = _("liste des fiches SPASER")

    def fiches(self):
        return (
            FichePage.objects.live()
            .public()
            .child_of(self)
            .select_related("author_organisation")
            .prefetch_related("themes", "familles", "collectivite_types")
            .order_by("title", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        from .forms import FicheFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = FicheFilterForm(request.GET or None)
        fiches = self.fiches()
        if form.is_bound and form.is_valid():
            fiches = form.filter(fiches)
        page_obj = Paginator(fiches, FICHES_PER_PAGE).get_page(request.GET.get("page"))
        params = request.GET.copy()
        params.pop("page", None)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            fiches=page_obj.object_list,
            filters_active=bool(form.is_bound and form.is_valid() and form.active_filters()),
            filter_querystring=params.urlencode(),
        )
        return context


class FichePage(ResourcePageMixin, Page):
    """A practical sheet for one purchase family; shown in the resource feed and in search."""

    intro = models.TextField(_("chapeau"), blank=True)
    last_reviewed = models.DateField(_("dernière relecture"), null=True, blank=True)
    author_organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation autrice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fiches",
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name=_("thèmes"), blank=True, related_name="fiches"
    )
    familles = ParentalManyToManyField(
        FamilleAchat, verbose_name=_("familles d'achat"), blank=True, related_name="fiches"
    )
    collectivite_types = ParentalManyToManyField(
        CollectiviteType,
        verbose_name=_("types de collectivité"),
        blank=True,
        related_name="fiches",
    )
    body = StreamField(FicheBodyBlock(), blank=True, verbose_name=_("contenu"))
    related_pages = StreamField(
        RelatedPagesBlock(),
        blank=True,
        verbose_name=_("ressources liées"),
        help_text=_("Clauses types, webinaires ou autres fiches en lien avec celle-ci."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("familles", widget=forms.CheckboxSelectMultiple),
                FieldPanel("collectivite_types", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("classement"),
        ),
        FieldPanel("author_organisation"),
        FieldPanel("last_reviewed"),
        FieldPanel("body"),
        FieldPanel("related_pages"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["fiches.FicheIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("fiche SPASER")
        verbose_name_plural = _("fiches SPASER")

    def plain_text(self):
        """The body as plain text, for the search index."""
        return "\n".join(_strings(list(self.body.raw_data)))

    def live_related_pages(self):
        pages = [block.value for block in self.related_pages if block.value]
        return [page.specific for page in pages if page.live]
