"""Resource library: webinars (upcoming sessions and replays) and model clauses."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import (
    CollectiviteType,
    FamilleAchat,
    ResourcePageMixin,
    Theme,
    filter_by_taxonomy,
)

from .blocks import ChapterBlock, ExampleBlock, RelatedPageBlock, SpeakerBlock
from .validators import parse_cpv_codes, validate_article, validate_cpv_codes

PAGE_SIZE = 10


def paginate(request, queryset, per_page=PAGE_SIZE):
    """A DSFR-ready page of results: `page_obj.pages_list` holds the elided page range."""
    paginator = Paginator(queryset, per_page)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.pages_list = list(
        paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
    )
    return page_obj


def taxonomy_panels():
    return MultiFieldPanel(
        [
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("familles", widget=forms.CheckboxSelectMultiple),
            FieldPanel("collectivite_types", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("classement"),
    )


def cleaned_filters(form):
    """The filters that validated; an unknown value in the URL is ignored, never a 500."""
    form.is_valid()
    return getattr(form, "cleaned_data", {})


# --- Webinars -------------------------------------------------------------------------------


class WebinarIndexPage(RoutablePageMixin, Page):
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
        from .forms import WebinarFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = WebinarFilterForm(request.GET or None)
        data = cleaned_filters(form)
        webinars = filter_by_taxonomy(self.webinars(), data)
        if data.get("moment") == WebinarFilterForm.UPCOMING:
            webinars = webinars.filter(start__gt=timezone.now())
        elif data.get("moment") == WebinarFilterForm.REPLAYS:
            webinars = webinars.filter(start__lte=timezone.now())
        webinars = webinars.prefetch_related("themes", "familles", "collectivite_types")
        page_obj = paginate(request, webinars)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            webinars=page_obj.object_list,
            is_filtered=any(data.values()),
            calendar_url=self.url + self.reverse_subpage("calendar"),
        )
        return context

    @path("calendrier.ics", name="calendar")
    def calendar(self, request):
        from .ics import webinars_calendar

        upcoming = (
            WebinarPage.objects.live()
            .public()
            .child_of(self)
            .filter(start__gt=timezone.now())
            .order_by("start")
        )
        body = webinars_calendar(upcoming, request, name=self.title)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(False, "webinaires.ics")
        return response


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
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="webinars", verbose_name=_("thèmes")
    )
    familles = ParentalManyToManyField(
        FamilleAchat, blank=True, related_name="webinars", verbose_name=_("familles d'achat")
    )
    collectivite_types = ParentalManyToManyField(
        CollectiviteType,
        blank=True,
        related_name="webinars",
        verbose_name=_("types de collectivité"),
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
            heading=_("session"),
        ),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("speakers"),
        FieldPanel("join_url"),
        taxonomy_panels(),
        MultiFieldPanel(
            [
                FieldPanel("video_url"),
                FieldPanel("slides"),
                FieldPanel("chapters"),
                FieldPanel("transcript"),
            ],
            heading=_("replay"),
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
        if not self.video_url:
            return None
        from wagtail.embeds.embeds import get_embed, get_embed_hash
        from wagtail.embeds.exceptions import EmbedException

        # Wagtail stores successful embeds; remember failures for a while too, so an
        # unreachable video provider does not slow every view of the replay down.
        failed_key = f"ressources:embed-failed:{get_embed_hash(self.video_url)}"
        if cache.get(failed_key):
            return None
        try:
            return get_embed(self.video_url)
        except EmbedException:
            cache.set(failed_key, True, 3600)
            return None

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
        from .ics import webinar_calendar

        response = HttpResponse(
            webinar_calendar(self, request), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = content_disposition_header(
            True, f"webinaire-{self.slug}.ics"
        )
        return response

    @path("inscription/", name="register")
    def register_view(self, request):
        from .registration import RegistrationClosed, register

        if request.method != "POST":
            return (
                redirect(self.url) if request.method == "GET" else HttpResponseNotAllowed(["POST"])
            )
        if not request.user.is_authenticated:
            return redirect_to_login(self.url, settings.LOGIN_URL)
        try:
            registration, _created = register(self, request.user)
        except RegistrationClosed:
            messages.error(request, gettext("Les inscriptions à ce webinaire sont closes."))
            return redirect(self.url)
        if registration.status == WebinarRegistration.Status.CONFIRMED:
            messages.success(
                request,
                gettext(
                    "Inscription confirmée : vous allez recevoir un courriel avec l'invitation "
                    "à ajouter à votre agenda."
                ),
            )
        else:
            messages.info(
                request,
                gettext(
                    "Le webinaire est complet : vous êtes sur liste d'attente. Nous vous écrirons "
                    "dès qu'une place se libère."
                ),
            )
        return redirect(self.url)

    @path("desinscription/", name="cancel")
    def cancel_view(self, request):
        from .registration import cancel

        if request.method != "POST":
            return (
                redirect(self.url) if request.method == "GET" else HttpResponseNotAllowed(["POST"])
            )
        if not request.user.is_authenticated:
            return redirect_to_login(self.url, settings.LOGIN_URL)
        registration = (
            self.registrations.filter(user=request.user)
            .exclude(status=WebinarRegistration.Status.CANCELLED)
            .first()
        )
        if registration:
            cancel(registration)
            messages.success(request, gettext("Votre inscription est annulée."))
        return redirect(self.url)


class WebinarRegistration(models.Model):
    """One member's place at a webinar.

    Confirmed registrations hold a seat number between 1 and the webinar's capacity, unique per
    webinar: two requests racing for the last seat cannot both get it, whatever the database.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmée")
        WAITING = "waiting", _("liste d'attente")
        CANCELLED = "cancelled", _("annulée")

    webinar = models.ForeignKey(
        WebinarPage,
        verbose_name=_("webinaire"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    seat = models.PositiveIntegerField(_("place"), null=True, blank=True, editable=False)
    created = models.DateTimeField(_("inscription le"), default=timezone.now)
    updated = models.DateTimeField(_("mise à jour"), auto_now=True)
    reminder_sent = models.BooleanField(_("rappel envoyé"), default=False)

    class Meta:
        verbose_name = _("inscription à un webinaire")
        verbose_name_plural = _("inscriptions aux webinaires")
        ordering = ["created", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["webinar", "user"], name="ressources_one_per_user"),
            models.UniqueConstraint(fields=["webinar", "seat"], name="ressources_one_per_seat"),
            models.CheckConstraint(
                condition=(
                    Q(status="confirmed", seat__isnull=False, seat__gte=1)
                    | (~Q(status="confirmed") & Q(seat__isnull=True))
                ),
                name="ressources_seat_iff_confirmed",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.webinar} ({self.get_status_display()})"

    def waiting_position(self):
        if self.status != self.Status.WAITING:
            return None
        return (
            WebinarRegistration.objects.filter(
                webinar_id=self.webinar_id, status=self.Status.WAITING
            )
            .filter(Q(created__lt=self.created) | Q(created=self.created, pk__lt=self.pk))
            .count()
            + 1
        )


# --- Model clauses --------------------------------------------------------------------------


class ClauseType(models.TextChoices):
    SOCIALE = "sociale", _("sociale")
    ENVIRONNEMENTALE = "environnementale", _("environnementale")
    ECONOMIQUE = "economique", _("économique")


class ClauseKind(models.TextChoices):
    CONDITION = "condition", _("condition d'exécution")
    CRITERE = "critere", _("critère d'attribution")
    RESERVE = "reserve", _("marché ou lot réservé")
    SPECIFICATION = "specification", _("spécification technique")


class ClauseIndexPage(Page):
    intro = models.TextField(_("chapeau"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["ressources.ClausePage"]
    max_count = 1

    class Meta:
        verbose_name = _("liste des clauses types")

    def get_context(self, request, *args, **kwargs):
        from .forms import ClauseFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ClauseFilterForm(request.GET or None)
        data = cleaned_filters(form)
        clauses = ClausePage.objects.live().public().child_of(self)
        clauses = filter_by_taxonomy(clauses, data)
        if data.get("type"):
            clauses = clauses.filter(clause_type=data["type"])
        if data.get("kind"):
            clauses = clauses.filter(kind=data["kind"])
        clauses = clauses.order_by("clause_type", "kind", "title", "pk").prefetch_related(
            "themes", "familles"
        )
        page_obj = paginate(request, clauses)
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
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="clauses", verbose_name=_("thèmes")
    )
    familles = ParentalManyToManyField(
        FamilleAchat, blank=True, related_name="clauses", verbose_name=_("familles d'achat")
    )
    collectivite_types = ParentalManyToManyField(
        CollectiviteType,
        blank=True,
        related_name="clauses",
        verbose_name=_("types de collectivité"),
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
            heading=_("nature de la clause"),
        ),
        FieldPanel("summary"),
        FieldPanel("clause_text"),
        FieldPanel("usage_notes"),
        taxonomy_panels(),
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
        return f"clause-{self.slug}.{extension}"

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
        from .exports import DOCX_CONTENT_TYPE, clause_docx

        return self._download(clause_docx(self), DOCX_CONTENT_TYPE, "docx")

    @path("odt/", name="odt")
    def odt(self, request):
        from .exports import ODT_CONTENT_TYPE, clause_odt

        return self._download(clause_odt(self), ODT_CONTENT_TYPE, "odt")
