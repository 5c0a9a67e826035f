"""SPASER fiches: one page per purchase family, filtered by theme, family and type of collectivité."""

import re
from html import unescape

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import ResourcePageMixin
from portal.pagination import paginate

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
        # Not at the top: portal.forms imports Wagtail's document forms, which need the models
        # loaded (the filter forms import no model of this app: no cycle).
        from .forms import FicheFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = FicheFilterForm(request.GET or None)
        fiches = self.fiches()
        if form.is_bound and form.is_valid():
            fiches = form.filter(fiches)
        page_obj = paginate(request, fiches, FICHES_PER_PAGE)
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
    body = StreamField(FicheBodyBlock(), blank=True, verbose_name=_("contenu"))
    related_pages = StreamField(
        RelatedPagesBlock(),
        blank=True,
        verbose_name=_("ressources liées"),
        help_text=_("Clauses types, webinaires ou autres fiches en lien avec celle-ci."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        ResourcePageMixin.taxonomy_panel,
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
        """The live pages the fiche links to, fetched in one query: the template needs their
        title, address and kind, none of which asks for the specific model."""
        return [block.value for block in self.related_pages if block.value and block.value.live]
