"""The site itself: taxonomy, organisations, member profiles, home and generic pages, settings."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from .blocks import CriterionBlock, HighlightBlock, NavLinkBlock, NavMenuBlock, SectionLinkBlock
from .content_events import invisible
from .geography import DEPARTEMENT_CHOICES, departement_name, region_of
from .numbers import is_ascii_digits
from .routing import route_below

# --- Shared taxonomy ------------------------------------------------------------------------


class TaxonomyTerm(models.Model):
    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=120, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


@register_snippet
class Theme(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


@register_snippet
class FamilleAchat(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("famille d'achat")
        verbose_name_plural = _("familles d'achat")


@register_snippet
class CollectiviteType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("type de collectivité")
        verbose_name_plural = _("types de collectivité")


def filter_by_taxonomy(queryset, data):
    """Narrows a queryset of classified items with the taxonomy filters a TaxonomyFilterForm
    validated."""
    if data.get("theme"):
        queryset = queryset.filter(themes__slug=data["theme"])
    if data.get("famille"):
        queryset = queryset.filter(familles__slug=data["famille"])
    if data.get("collectivite"):
        queryset = queryset.filter(collectivite_types__slug=data["collectivite"])
    return queryset


# --- Organisations and profiles ------------------------------------------------------------

REGIONS = [
    ("ARA", "Auvergne-Rhône-Alpes"),
    ("BFC", "Bourgogne-Franche-Comté"),
    ("BRE", "Bretagne"),
    ("CVL", "Centre-Val de Loire"),
    ("COR", "Corse"),
    ("GES", "Grand Est"),
    ("HDF", "Hauts-de-France"),
    ("IDF", "Île-de-France"),
    ("NOR", "Normandie"),
    ("NAQ", "Nouvelle-Aquitaine"),
    ("OCC", "Occitanie"),
    ("PDL", "Pays de la Loire"),
    ("PAC", "Provence-Alpes-Côte d'Azur"),
    ("GUA", "Guadeloupe"),
    ("MTQ", "Martinique"),
    ("GUY", "Guyane"),
    ("LRE", "La Réunion"),
    ("MAY", "Mayotte"),
]


def luhn_is_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def validate_siren(value):
    """A SIREN is 9 digits whose Luhn checksum is valid (INSEE)."""
    if not is_ascii_digits(value) or len(value) != 9:
        raise ValidationError(_("Le SIREN doit comporter exactement 9 chiffres."))
    if not luhn_is_valid(value):
        raise ValidationError(_("Ce numéro SIREN n'est pas valide (clé de contrôle incorrecte)."))


DOMAIN_PATTERN = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def parse_email_domains(text):
    domains = []
    for raw in (text or "").replace(",", "\n").split():
        domain = raw.strip().lower().lstrip("@")
        if domain and domain not in domains:
            domains.append(domain)
    return domains


def validate_email_domains(value):
    bad = [domain for domain in parse_email_domains(value) if not DOMAIN_PATTERN.match(domain)]
    if bad:
        raise ValidationError(
            _("Domaine non valide : %(domains)s (exemple attendu : ampmetropole.fr)."),
            params={"domains": ", ".join(bad)},
        )


@register_snippet
class Organisation(index.Indexed, models.Model):
    """A public buyer: a collectivité or another body subject to the code de la commande publique."""

    name = models.CharField(_("nom"), max_length=200)
    siren = models.CharField(
        _("SIREN"),
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^\d{9}$"), validate_siren],
        help_text=_("9 chiffres, par exemple 200054807."),
    )
    kind = models.ForeignKey(
        CollectiviteType,
        verbose_name=_("type"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    region = models.CharField(_("région"), max_length=3, choices=REGIONS)
    departement = models.CharField(
        _("département"),
        max_length=3,
        blank=True,
        choices=DEPARTEMENT_CHOICES,
        help_text=_(
            "Celui du siège. Les recommandations de l'autodiagnostic sur les clauses sociales "
            "indiquent les facilitateurs de ce département."
        ),
    )
    website = models.URLField(_("site internet"), blank=True)
    email_domains = models.TextField(
        _("domaines de courriel vérifiés"),
        blank=True,
        validators=[validate_email_domains],
        help_text=_(
            "Un domaine par ligne, par exemple ampmetropole.fr. Un membre dont l'adresse "
            "confirmée est à l'un de ces domaines est rattaché sans autre vérification. "
            "N'indiquez jamais un domaine de messagerie grand public."
        ),
    )
    validated = models.BooleanField(
        _("validée par l'équipe"),
        default=True,
        help_text=_(
            "Une organisation déclarée par un membre (SIREN inconnu) attend que l'équipe "
            "vérifie son nom, son type et ses domaines. Tant qu'elle n'est pas validée, "
            "personne n'en est membre."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("siren"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("departement"),
        FieldPanel("website"),
        FieldPanel("email_domains"),
        FieldPanel("validated"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("siren")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.departement and self.region and region_of(self.departement) != self.region:
            raise ValidationError(
                {
                    "departement": _(
                        "Le département %(departement)s (%(name)s) n'est pas dans la région "
                        "choisie."
                    )
                    % {"departement": self.departement, "name": departement_name(self.departement)}
                }
            )

    @property
    def domains(self):
        """The declared e-mail domains, lower case, without blanks or duplicates."""
        return parse_email_domains(self.email_domains)


class OrganisationMembership(models.Model):
    """A member's claim to act for an organisation; only a verified one opens anything
    (see portal.organisations)."""

    REQUESTED, VERIFIED, REFUSED = "requested", "verified", "refused"
    STATUS_CHOICES = [
        (REQUESTED, _("demande en attente")),
        (VERIFIED, _("membre vérifié")),
        (REFUSED, _("demande refusée")),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre"),
        on_delete=models.CASCADE,
        related_name="organisation_memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    status = models.CharField(_("statut"), max_length=10, choices=STATUS_CHOICES, default=REQUESTED)
    is_referent = models.BooleanField(_("référent"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    decided_at = models.DateTimeField(_("décidé le"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "status", "requested_at"]
        verbose_name = _("appartenance à une organisation")
        verbose_name_plural = _("appartenances aux organisations")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="portal_one_membership_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.user} — {self.organisation} ({self.get_status_display()})"

    @property
    def is_verified(self):
        return self.status == self.VERIFIED


class MembershipEvent(models.Model):
    """The log of every membership change: who did what, to whom, when."""

    REQUESTED = "requested"
    AUTO_VERIFIED = "auto_verified"
    APPROVED = "approved"
    REFUSED = "refused"
    REMOVED = "removed"
    REFERENT_NAMED = "referent_named"
    REFERENT_REMOVED = "referent_removed"
    ACTION_CHOICES = [
        (REQUESTED, _("demande de rattachement")),
        (AUTO_VERIFIED, _("vérifié par le domaine de l'adresse")),
        (APPROVED, _("demande acceptée")),
        (REFUSED, _("demande refusée")),
        (REMOVED, _("membre retiré")),
        (REFERENT_NAMED, _("nommé référent")),
        (REFERENT_REMOVED, _("n'est plus référent")),
    ]

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="membership_events",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("membre concerné"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=ACTION_CHOICES)
    at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("changement d'appartenance")
        verbose_name_plural = _("changements d'appartenance")

    def __str__(self):
        return f"{self.organisation} — {self.get_action_display()}"


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    # Shown beside the member's name; portal.organisations keeps it to a verified membership.
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation (membre vérifié)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    job_title = models.CharField(_("fonction"), max_length=150, blank=True)
    in_directory = models.BooleanField(
        _("visible dans l'annuaire des membres"),
        default=False,
        help_text=_(
            "Votre nom, votre fonction et votre organisation sont montrés aux autres membres."
        ),
    )

    class Meta:
        verbose_name = _("profil")
        verbose_name_plural = _("profils")
        # Held by the forum moderators' group (portal.roles), never granted by staff status.
        permissions = [("moderate_forum", _("Modérer le forum et les commentaires"))]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.email.split("@")[0]


# --- Pages ----------------------------------------------------------------------------------


class ResourcePageMixin(models.Model):
    """A page of the resource library (fiche, webinar, model clause): listed in the resources
    feed, open to comments, and classified by the shared taxonomy.

    The mixin carries the three taxonomy fields, their panel in the editor (`taxonomy_panel`,
    placed by each page in its own panels); listings filter them with `filter_by_taxonomy` and the
    values a `portal.forms.TaxonomyFilterForm` validated.
    """

    is_resource = True

    themes = ParentalManyToManyField(Theme, blank=True, verbose_name=_("thèmes"))
    familles = ParentalManyToManyField(FamilleAchat, blank=True, verbose_name=_("familles d'achat"))
    collectivite_types = ParentalManyToManyField(
        CollectiviteType, blank=True, verbose_name=_("types de collectivité")
    )

    taxonomy_panel = MultiFieldPanel(
        [
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("familles", widget=forms.CheckboxSelectMultiple),
            FieldPanel("collectivite_types", widget=forms.CheckboxSelectMultiple),
        ],
        heading=_("Classement"),
    )

    class Meta:
        abstract = True

    def get_absolute_url(self):
        """Absolute on the public address, so comment links and notification emails point at it."""
        from .public_url import absolute_url

        return absolute_url(self.get_url() or "")


class HomePage(Page):
    hero_title = models.CharField(_("titre d'accroche"), max_length=200)
    hero_text = models.TextField(_("texte d'accroche"), blank=True)
    hero_cta_label = models.CharField(_("libellé du bouton"), max_length=80, blank=True)
    hero_cta_url = models.CharField(_("adresse du bouton"), max_length=200, blank=True)
    highlights = StreamField(
        [("highlight", HighlightBlock())], blank=True, verbose_name=_("à la une")
    )
    sections = StreamField(
        [("section", SectionLinkBlock())], blank=True, verbose_name=_("rubriques")
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_url"),
            ],
            heading=_("Accroche"),
        ),
        FieldPanel("highlights"),
        FieldPanel("sections"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        return route_below(self, request, path_components)


class StandardPage(Page):
    """A plain editorial page: accessibility statement, legal notice, about."""

    intro = models.TextField(_("chapeau"), blank=True)
    body = RichTextField(_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("page de contenu")


class AccessibilityStatementPage(Page):
    """The accessibility statement, following the official RGAA 4.1 model.

    The conformity state is not typed in: it follows from the audit's figures, as the RGAA sets
    it (all criteria met: « totalement conforme »; at least half: « partiellement conforme »;
    less, or no audit: « non conforme »). The footer shows it.
    """

    entity_name = models.CharField(
        _("entité responsable"), max_length=200, default="Entraide SPASER"
    )
    multi_year_plan = RichTextField(
        _("schéma pluriannuel et plan d'action"),
        blank=True,
        help_text=_("La stratégie et les actions de mise en accessibilité, avec leurs dates."),
    )
    audit_date = models.DateField(_("date de l'audit"), null=True, blank=True)
    auditor = models.CharField(_("audit réalisé par"), max_length=200, blank=True)
    criteria_applicable = models.PositiveSmallIntegerField(
        _("critères applicables"), default=0, help_text=_("Sur l'échantillon audité.")
    )
    criteria_met = models.PositiveSmallIntegerField(_("critères respectés"), default=0)
    non_conformities = StreamField(
        [("criterion", CriterionBlock())], blank=True, verbose_name=_("non-conformités")
    )
    exemptions = RichTextField(_("dérogations pour charge disproportionnée"), blank=True)
    out_of_scope = RichTextField(_("contenus non soumis à l'obligation"), blank=True)
    technologies = models.TextField(
        _("technologies utilisées"), blank=True, help_text=_("Une par ligne.")
    )
    test_environment = models.TextField(
        _("environnement de test"),
        blank=True,
        help_text=_("Navigateurs et technologies d'assistance, un couple par ligne."),
    )
    tools = models.TextField(_("outils d'évaluation"), blank=True, help_text=_("Un par ligne."))
    pages_checked = models.TextField(
        _("pages vérifiées"), blank=True, help_text=_("Une par ligne : nom — adresse.")
    )
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_form_url = models.CharField(_("formulaire de contact"), max_length=200, blank=True)
    contact_address = models.TextField(_("adresse postale"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("entity_name"),
        FieldPanel("multi_year_plan"),
        MultiFieldPanel(
            [
                FieldPanel("audit_date"),
                FieldPanel("auditor"),
                FieldPanel("criteria_applicable"),
                FieldPanel("criteria_met"),
            ],
            heading=_("Résultats des tests"),
        ),
        FieldPanel("non_conformities"),
        FieldPanel("exemptions"),
        FieldPanel("out_of_scope"),
        MultiFieldPanel(
            [
                FieldPanel("technologies"),
                FieldPanel("test_environment"),
                FieldPanel("tools"),
                FieldPanel("pages_checked"),
            ],
            heading=_("Établissement de cette déclaration"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_form_url"),
                FieldPanel("contact_address"),
            ],
            heading=_("Retour d'information et contact"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("multi_year_plan")]
    max_count = 1

    class Meta:
        verbose_name = _("déclaration d'accessibilité")

    def clean(self):
        super().clean()
        if self.criteria_met > self.criteria_applicable:
            raise ValidationError(
                {"criteria_met": _("Il ne peut y avoir plus de critères respectés qu'applicables.")}
            )

    @property
    def conformity_rate(self):
        """Share of the applicable criteria met, in %, or None without an audit."""
        if not self.audit_date or not self.criteria_applicable:
            return None
        return round(100 * self.criteria_met / self.criteria_applicable)

    @property
    def conformity(self):
        """« non », « partiellement » or « totalement », as SiteSettings.ACCESSIBILITY_CHOICES."""
        if not self.audit_date or not self.criteria_applicable:
            return "non"
        if self.criteria_met == self.criteria_applicable:
            return "totalement"
        return "partiellement" if 2 * self.criteria_met >= self.criteria_applicable else "non"

    def get_conformity_display(self):
        return dict(SiteSettings.ACCESSIBILITY_CHOICES)[self.conformity]

    @staticmethod
    def lines(text):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            technologies=self.lines(self.technologies),
            test_environment=self.lines(self.test_environment),
            tools=self.lines(self.tools),
            pages_checked=self.lines(self.pages_checked),
            site_url=request.build_absolute_uri("/"),
        )
        return context


# --- Site settings --------------------------------------------------------------------------


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    ACCESSIBILITY_CHOICES = [
        ("non", _("non conforme")),
        ("partiellement", _("partiellement conforme")),
        ("totalement", _("totalement conforme")),
    ]

    tagline = models.CharField(_("sous-titre du site"), max_length=200, blank=True)
    contact_email = models.EmailField(_("courriel de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    contact_address = models.TextField(_("adresse postale"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    accessibility_status = models.CharField(
        _("conformité RGAA"), max_length=15, choices=ACCESSIBILITY_CHOICES, default="non"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("déclaration d'accessibilité"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("mentions légales"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    main_navigation = StreamField(
        [("link", NavLinkBlock()), ("menu", NavMenuBlock())],
        blank=True,
        verbose_name=_("navigation principale"),
    )

    panels = [
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("mastodon_url"), FieldPanel("youtube_url")],
            heading=_("Réseaux sociaux"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_page"),
                FieldPanel("legal_page"),
            ],
            heading=_("Obligations légales"),
        ),
        FieldPanel("main_navigation"),
    ]

    class Meta:
        verbose_name = _("paramètres du site")

    @property
    def social_links(self):
        links = [
            ("LinkedIn", self.linkedin_url, "fr-btn--linkedin"),
            ("Mastodon", self.mastodon_url, "fr-btn--mastodon"),
            ("YouTube", self.youtube_url, "fr-btn--youtube"),
        ]
        return [(label, url, css) for label, url, css in links if url]


# --- Search index queue ---------------------------------------------------------------------


@invisible
class PendingIndexUpdate(models.Model):
    """An object whose search document could not be written (index locked or unavailable).

    `manage.py process_search_queue` brings each one in line with the database, then deletes it.
    """

    model_label = models.CharField(_("modèle"), max_length=100)
    object_pk = models.CharField(_("identifiant"), max_length=64)
    attempts = models.PositiveIntegerField(_("tentatives"), default=1)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("mise à jour d'index en attente")
        verbose_name_plural = _("mises à jour d'index en attente")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_pk"], name="unique_pending_index_update"
            )
        ]

    def __str__(self):
        return f"{self.model_label}.{self.object_pk}"


@invisible
class ScheduledTask(models.Model):
    """When each periodic task of `TASK_SCHEDULES` runs next (see portal/background.py)."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    next_run_at = models.DateTimeField(_("prochaine exécution"))
    last_run_at = models.DateTimeField(_("dernière exécution"), null=True, blank=True)

    class Meta:
        verbose_name = _("tâche planifiée")
        verbose_name_plural = _("tâches planifiées")

    def __str__(self):
        return self.name
