"""The site itself: taxonomy, organisations, member profiles, home and generic pages, settings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

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
    """Narrows a page queryset with the taxonomy filters a TaxonomyFilterForm validated."""
    if data.get("theme"):
        queryset = queryset.filter(themes=data["theme"])
    if data.get("famille"):
        queryset = queryset.filter(familles=data["famille"])
    if data.get("collectivite"):
        queryset = queryset.filter(collectivite_types=data["collectivite"])
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
    if not value.isdigit() or len(value) != 9:
        raise ValidationError(_("Le SIREN doit comporter exactement 9 chiffres."))
    if not luhn_is_valid(value):
        raise ValidationError(_("Ce numéro SIREN n'est pas valide (clé de contrôle incorrecte)."))


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
    website = models.URLField(_("site internet"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("siren"),
        FieldPanel("kind"),
        FieldPanel("region"),
        FieldPanel("website"),
    ]
    search_fields = [index.SearchField("name"), index.FilterField("siren")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
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

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return self.user.get_full_name() or self.user.email.split("@")[0]


# --- Pages ----------------------------------------------------------------------------------


class HighlightBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"))
    text = blocks.TextBlock(label=_("texte"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("ou adresse"), required=False)
    link_label = blocks.CharBlock(label=_("libellé du lien"), required=False)

    class Meta:
        icon = "pick"
        label = _("mise en avant")


class SectionLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("titre"))
    description = blocks.TextBlock(label=_("description"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("ou adresse"), required=False, help_text=_("ex. /forum/"))

    class Meta:
        icon = "link"
        label = _("lien vers une rubrique")


class ResourcePageMixin:
    """A page of the resource library: listed in the resources feed and open to comments."""

    is_resource = True

    def get_absolute_url(self):
        """Absolute, so comment links and notification emails point at the right host."""
        return self.get_full_url()


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
            heading=_("accroche"),
        ),
        FieldPanel("highlights"),
        FieldPanel("sections"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")


class StandardPage(Page):
    """A plain editorial page: accessibility statement, legal notice, about."""

    intro = models.TextField(_("chapeau"), blank=True)
    body = RichTextField(_("contenu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("page de contenu")


# --- Site settings --------------------------------------------------------------------------


class NavLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("libellé"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.CharBlock(label=_("ou adresse"), required=False)

    class Meta:
        icon = "link"


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
        [("link", NavLinkBlock())], blank=True, verbose_name=_("navigation principale")
    )

    panels = [
        FieldPanel("tagline"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_address"),
            ],
            heading=_("contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("linkedin_url"), FieldPanel("mastodon_url"), FieldPanel("youtube_url")],
            heading=_("réseaux sociaux"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_status"),
                FieldPanel("accessibility_page"),
                FieldPanel("legal_page"),
            ],
            heading=_("obligations légales"),
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
