"""Resource library: webinars (upcoming sessions and replays) and model clauses."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header, urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import ResourcePageMixin, filter_by_taxonomy
from portal.pagination import paginate
from territoires.forms import RegionFilterForm

from . import agenda, webinar_routes
from .blocks import ChapterBlock, ExampleBlock, RelatedPageBlock, SpeakerBlock
from .choices import ClauseKind, ClauseType
from .embeds import replay_embed
from .exports import DOCX_CONTENT_TYPE, ODT_CONTENT_TYPE, clause_docx, clause_odt
from .ics import webinar_calendar
from .registration import WebinarRegistration
from .validators import parse_cpv_codes, validate_article, validate_cpv_codes

PAGE_SIZE = 10
#: The networks' rendez-vous listed beside the webinars.
EXTERNAL_EVENTS_SHOWN = 20
CALENDAR_FILE = "calendrier.ics"


# --- Webinars -------------------------------------------------------------------------------


def upcoming_webinars(index=None):
    """The live, public webinars to come (of one index, or all), soonest first."""
    webinars = WebinarPage.objects.live().public().filter(start__gt=timezone.now())
    if index is not None:
        webinars = webinars.child_of(index)
    return webinars.order_by("start", "pk")


class WebinarIndexPage(Page):
    intro = models.TextField(_("chapeau"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["ressources.WebinarPage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des webinaires")

    def webinars(self):
        now = timezone.now()
        return (
            WebinarPage.objects.live()
            .public()
            .child_of(self)
            .annotate(
                is_past=Case(
                    When(start__gt=now, then=Value(0)),
                    default=Value(1),
                    output_field=models.IntegerField(),
                ),
                upcoming_start=Case(When(start__gt=now, then=F("start"))),
                confirmed_count=Count(
                    "registrations",
                    filter=Q(registrations__status=WebinarRegistration.Status.CONFIRMED),
                    distinct=True,
                ),
            )
            .order_by("is_past", F("upcoming_start").asc(nulls_last=True), "-start", "pk")
        )

    def get_context(self, request, *args, **kwargs):
        # Not at the top: portal.forms imports Wagtail's document forms, which need the models
        # loaded (the filter forms import no model of this app: no cycle).
        from .forms import WebinarFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = WebinarFilterForm(request.GET or None)
        data = form.filters()
        webinars = filter_by_taxonomy(self.webinars(), data)
        if data.get("moment") == WebinarFilterForm.UPCOMING:
            webinars = webinars.filter(start__gt=timezone.now())
        elif data.get("moment") == WebinarFilterForm.REPLAYS:
            webinars = webinars.filter(start__lte=timezone.now())
        webinars = webinars.prefetch_related("themes", "familles", "collectivite_types")
        page_obj = paginate(request, webinars, PAGE_SIZE)
        region_form = RegionFilterForm(request.GET or None)
        region = region_form.chosen_region()
        calendar_url = self.url + CALENDAR_FILE
        context.update(
            filter_form=form,
            page_obj=page_obj,
            webinars=page_obj.object_list,
            is_filtered=any(data.values()),
            calendar_url=calendar_url,
            region_form=region_form,
            region=region,
            region_calendar_url=f"{calendar_url}?{urlencode({'region': region})}"
            if region
            else calendar_url,
            external_events=[
                agenda.event_item(event)
                for event in agenda.upcoming_events(region, limit=EXTERNAL_EVENTS_SHOWN)
            ],
        )
        return context

    def upcoming_webinars(self):
        """What the calendar feed lists (`<index URL>calendrier.ics`, ressources.calendar_urls)."""
        return upcoming_webinars(self)


class WebinarPage(ResourcePageMixin, RoutablePageMixin, Page):
    resource_kind = "webinaire"

    start = models.DateTimeField(_("début"))
    duration = models.PositiveSmallIntegerField(
        _("durée (minutes)"), default=60, help_text=_("En minutes, par exemple 90.")
    )
    summary = models.TextField(
        _("résumé"), blank=True, help_text=_("Une ou deux phrases, affichées dans la liste.")
    )
    description = RichTextField(_("description"), blank=True)
    speakers = StreamField(
        [("speaker", SpeakerBlock())], blank=True, verbose_name=_("intervenant·es")
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        default=100,
        help_text=_("Au-delà, les inscrits sont placés sur liste d'attente."),
    )
    join_url = models.URLField(
        _("lien de connexion à la visioconférence"),
        blank=True,
        help_text=_("Communiqué aux seuls inscrits confirmés, par courriel et sur la page."),
    )
    # Replay
    video_url = models.URLField(
        _("adresse de la vidéo"),
        blank=True,
        help_text=_(
            "Lien PeerTube, Dailymotion, Vimeo ou YouTube, affiché avec le lecteur intégré."
        ),
    )
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("support de présentation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chapters = StreamField([("chapter", ChapterBlock())], blank=True, verbose_name=_("chapitres"))
    transcript = RichTextField(_("transcription"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("duration"), FieldPanel("capacity")],
            heading=_("Session"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        FieldPanel("join_url"),
        ResourcePageMixin.taxonomy_panel,
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("slides"),
                FieldPanel("chapters"),
                FieldPanel("transcript"),
            ],
            heading=_("Replay"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("description"),
        index.SearchField("transcript"),
        index.FilterField("start"),
    ]
    parent_page_types = ["ressources.WebinarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webinaire")
        verbose_name_plural = _("webinaires")

    @property
    def end(self):
        return self.start + timedelta(minutes=self.duration)

    @property
    def is_upcoming(self):
        return self.start > timezone.now()

    @property
    def has_replay(self):
        return bool(self.video_url or self.slides_id or self.chapters or self.transcript)

    @property
    def open_access_items(self):
        """What of the replay is online, in French, for the sidebar: only what the page shows."""
        items = []
        if self.video_url:
            items.append(_("la vidéo"))
        if self.slides_id:
            items.append(_("le support"))
        if self.transcript:
            items.append(_("la transcription"))
        return items

    def confirmed_registrations(self):
        return self.registrations.filter(status=WebinarRegistration.Status.CONFIRMED)

    def seats_left(self):
        count = getattr(self, "confirmed_count", None)
        if count is None:
            count = self.confirmed_registrations().count()
        return max(self.capacity - count, 0)

    def clean(self):
        super().clean()
        if self.pk and self.capacity is not None:
            confirmed = self.confirmed_registrations().count()
            if self.capacity < confirmed:
                raise ValidationError(
                    {
                        "capacity": gettext(
                            "%(count)d personnes sont déjà inscrites : le nombre de places ne "
                            "peut pas être inférieur."
                        )
                        % {"count": confirmed}
                    }
                )

    @property
    def ics_url(self):
        return self.url + self.reverse_subpage("ics")

    def embed(self):
        return replay_embed(self.video_url) if self.video_url else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        registration = None
        if request.user.is_authenticated:
            registration = (
                self.registrations.filter(user=request.user)
                .exclude(status=WebinarRegistration.Status.CANCELLED)
                .first()
            )
        seats_left = self.seats_left()
        context.update(
            registration=registration,
            seats_left=seats_left,
            is_full=seats_left == 0,
            embed=None if self.is_upcoming else self.embed(),
            waiting_position=registration.waiting_position() if registration else None,
        )
        return context

    @path("ics/", name="ics")
    def ics(self, request):
        response = HttpResponse(
            webinar_calendar(self, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"webinaire-{self.slug}.ics"
        )
        return response

    @path("inscription/", name="register")
    def register_view(self, request):
        return webinar_routes.register(request, self)

    @path("desinscription/", name="cancel")
    def cancel_view(self, request):
        return webinar_routes.cancel(request, self)


# --- Model clauses --------------------------------------------------------------------------


class ClauseIndexPage(Page):
    intro = models.TextField(_("chapeau"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["ressources.ClausePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des clauses types")

    def get_context(self, request, *args, **kwargs):
        from .forms import ClauseFilterForm  # see WebinarIndexPage.get_context

        context = super().get_context(request, *args, **kwargs)
        form = ClauseFilterForm(request.GET or None)
        data = form.filters()
        clauses = ClausePage.objects.live().public().child_of(self)
        clauses = filter_by_taxonomy(clauses, data)
        if data.get("type"):
            clauses = clauses.filter(clause_type=data["type"])
        if data.get("kind"):
            clauses = clauses.filter(kind=data["kind"])
        clauses = clauses.order_by("clause_type", "kind", "title", "pk").prefetch_related(
            "themes", "familles"
        )
        page_obj = paginate(request, clauses, PAGE_SIZE)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            clauses=page_obj.object_list,
            is_filtered=any(data.values()),
        )
        return context


class ClausePage(ResourcePageMixin, RoutablePageMixin, Page):
    resource_kind = "clause"

    clause_type = models.CharField(_("type de clause"), max_length=20, choices=ClauseType.choices)
    kind = models.CharField(_("nature"), max_length=20, choices=ClauseKind.choices)
    legal_basis = models.CharField(
        _("fondement juridique"),
        max_length=30,
        validators=[validate_article],
        help_text=_("Article du code de la commande publique, par exemple L2112-2."),
    )
    summary = models.TextField(_("à quoi sert cette clause"), blank=True)
    clause_text = models.TextField(
        _("texte de la clause"),
        help_text=_("Texte brut, à copier dans le CCAP, le CCTP ou le règlement de consultation."),
    )
    usage_notes = RichTextField(_("conseils de mise en œuvre"), blank=True)
    legal_text_date = models.DateField(
        _("à jour du texte juridique du"),
        null=True,
        blank=True,
        help_text=_("Date de la version du code de la commande publique suivie par la clause."),
    )
    cpv_codes = models.TextField(
        _("codes CPV"),
        blank=True,
        validators=[validate_cpv_codes],
        help_text=_("Un code par ligne, par exemple 45000000-7."),
    )
    examples = StreamField(
        [("example", ExampleBlock())], blank=True, verbose_name=_("exemples d'utilisation")
    )
    related = StreamField(
        [("related", RelatedPageBlock())], blank=True, verbose_name=_("ressources liées")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("clause_type"),
                FieldPanel("kind"),
                FieldPanel("legal_basis"),
                FieldPanel("legal_text_date"),
            ],
            heading=_("Nature de la clause"),
        ),
        FieldPanel("summary"),
        FieldPanel("clause_text"),
        FieldPanel("usage_notes"),
        ResourcePageMixin.taxonomy_panel,
        FieldPanel("cpv_codes"),
        FieldPanel("examples"),
        FieldPanel("related"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("clause_text"),
        index.FilterField("clause_type"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["ressources.ClauseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("clause type")
        verbose_name_plural = _("clauses types")

    @property
    def cpv_list(self):
        return parse_cpv_codes(self.cpv_codes)

    def export_filename(self, extension):
        """« clause-insertion-heures.docx »: « clause- » only when the slug does not say it."""
        name = self.slug if self.slug.startswith("clause") else f"clause-{self.slug}"
        return f"{name}.{extension}"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            docx_url=self.url + self.reverse_subpage("docx"),
            odt_url=self.url + self.reverse_subpage("odt"),
        )
        return context

    def _download(self, content, content_type, extension):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(
            True, self.export_filename(extension)
        )
        return response

    @path("docx/", name="docx")
    def docx(self, request):
        return self._download(clause_docx(self), DOCX_CONTENT_TYPE, "docx")

    @path("odt/", name="odt")
    def odt(self, request):
        return self._download(clause_odt(self), ODT_CONTENT_TYPE, "odt")
