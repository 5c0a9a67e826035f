"""Who helps buyers near them, and where the regional networks meet.

- `Facilitator`: a social-clause facilitator (« facilitateur des clauses sociales ») or a regional
  purchasing network, with the départements it covers (INSEE codes, `portal.geography`).
- `ExternalEvent`: a meeting of a regional network, a training… that is not one of our webinars;
  listed beside them in the agenda, its `.ics` feed and the home page until it ends.

Both are managed in the Wagtail admin (snippets) by the curators (`portal.roles.CURATOR`) and the
administrators. Both are content for `portal.content_events`: any write empties the cached pages
that show them.
"""

import re
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from portal.content_events import content
from portal.geography import departement_name, parse_departements, region_of
from portal.models import REGIONS

REGION_NAMES = dict(REGIONS)

# A list of codes typed by hand: the 101 départements fit in 400 characters with their separators.
DEPARTEMENTS_MAX_LENGTH = 400
DESCRIPTION_MAX_LENGTH = 1000
#: An external event lasts at most this long (a training over several days, not a season).
MAX_EVENT_DURATION = timedelta(days=14)

_PHONE_ALLOWED = re.compile(r"^\+?[0-9 .\-]+$")


def validate_departements(value):
    codes, rejected = parse_departements(value)
    if rejected:
        raise ValidationError(
            _(
                "Ces codes ne sont pas des départements : %(codes)s. Indiquez les codes INSEE "
                "séparés par des virgules, par exemple 22, 29, 35, 56 (2A et 2B pour la Corse, "
                "971 à 974 et 976 pour l'outre-mer)."
            ),
            params={"codes": ", ".join(rejected[:10])},
        )
    if not codes:
        raise ValidationError(_("Indiquez au moins un département couvert."))


def validate_phone(value):
    """A French number: 10 digits (02 99 00 00 00), or an international one (+33 2 99 00 00 00,
    +262 262 00 00 00), spaces, dots and dashes allowed."""
    digits = re.sub(r"[ .\-]", "", value.lstrip("+"))
    if (
        not value.isascii()
        or not _PHONE_ALLOWED.match(value)
        or not digits.isdigit()
        or not 10 <= len(digits) <= 13
        or (not value.startswith("+") and len(digits) != 10)
    ):
        raise ValidationError(
            _(
                "Numéro de téléphone non valide : 10 chiffres, par exemple 02 99 00 00 00, ou "
                "au format international, par exemple +33 2 99 00 00 00."
            )
        )


class FacilitatorQuerySet(models.QuerySet):
    def covering(self, departement):
        """Those whose territory includes the département `departement` (a checked code)."""
        pattern = rf"(^|, ){re.escape(departement)}(,|$)"
        return self.filter(departements__regex=pattern)


@content
class Facilitator(models.Model):
    FACILITATOR = "facilitateur"
    NETWORK = "reseau"
    KIND_CHOICES = [
        (FACILITATOR, _("facilitateur des clauses sociales")),
        (NETWORK, _("réseau régional d'achat responsable")),
    ]

    kind = models.CharField(_("type"), max_length=20, choices=KIND_CHOICES, default=FACILITATOR)
    name = models.CharField(
        _("nom"),
        max_length=200,
        help_text=_("La personne qui facilite, ou le nom du réseau."),
    )
    structure = models.CharField(
        _("structure porteuse"),
        max_length=200,
        blank=True,
        help_text=_("Maison de l'emploi, PLIE, collectivité, association…"),
    )
    departements = models.CharField(
        _("départements couverts"),
        max_length=DEPARTEMENTS_MAX_LENGTH,
        validators=[validate_departements],
        help_text=_(
            "Codes INSEE séparés par des virgules, par exemple 22, 29, 35, 56 ; 2A et 2B pour la "
            "Corse, 971 à 974 et 976 pour l'outre-mer."
        ),
    )
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True, validators=[validate_phone])
    website = models.URLField(_("site internet"), blank=True)
    description = models.TextField(
        _("présentation"),
        max_length=DESCRIPTION_MAX_LENGTH,
        blank=True,
        help_text=_("Ce que la structure propose aux acheteurs, en deux ou trois phrases."),
    )
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = FacilitatorQuerySet.as_manager()

    panels = [
        FieldPanel("kind"),
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("structure"), FieldPanel("description")],
            heading=_("Qui"),
        ),
        FieldPanel("departements"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("website")],
            heading=_("Contact"),
        ),
    ]

    class Meta:
        ordering = ["kind", "name", "pk"]
        verbose_name = _("facilitateur ou réseau")
        verbose_name_plural = _("facilitateurs et réseaux")

    def __str__(self):
        return f"{self.name} ({self.structure})" if self.structure else self.name

    def save(self, *args, **kwargs):
        # One spelling, « 22, 29, 35 », which `covering` relies on.
        codes, _rejected = parse_departements(self.departements)
        self.departements = ", ".join(codes)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if not (self.email or self.phone or self.website):
            raise ValidationError(
                {
                    "email": gettext(
                        "Indiquez au moins un moyen de contact : courriel, téléphone ou site."
                    )
                }
            )

    @property
    def departement_list(self):
        """[(code, name)] of the territory, in the COG's order."""
        codes, _rejected = parse_departements(self.departements)
        return [(code, departement_name(code)) for code in codes]

    @property
    def region_names(self):
        codes, _rejected = parse_departements(self.departements)
        seen = dict.fromkeys(region_of(code) for code in codes)
        return [REGION_NAMES[region] for region in seen if region in REGION_NAMES]


class ExternalEventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        """Events not over yet (an event in progress stays listed), soonest first."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def for_region(self, region):
        """The events of `region`, and the national ones (no région), which concern everyone."""
        if not region:
            return self
        return self.filter(Q(region=region) | Q(region=""))


@content
class ExternalEvent(models.Model):
    NETWORK_MEETING = "reseau"
    TRAINING = "formation"
    OTHER = "autre"
    KIND_CHOICES = [
        (NETWORK_MEETING, _("rencontre de réseau")),
        (TRAINING, _("formation")),
        (OTHER, _("autre rendez-vous")),
    ]

    title = models.CharField(_("titre"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=KIND_CHOICES, default=NETWORK_MEETING)
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    place = models.CharField(
        _("lieu"),
        max_length=300,
        blank=True,
        help_text=_("Adresse, ou au moins la ville. Vide pour un rendez-vous en ligne."),
    )
    online_url = models.URLField(
        _("lien en ligne"),
        blank=True,
        help_text=_("Lien de la visioconférence, s'il est public."),
    )
    organiser = models.CharField(
        _("organisateur"), max_length=200, help_text=_("Le réseau ou la structure qui invite.")
    )
    region = models.CharField(
        _("région"),
        max_length=3,
        choices=REGIONS,
        blank=True,
        help_text=_("Vide : un rendez-vous national, montré quelle que soit la région choisie."),
    )
    description = models.TextField(_("présentation"), max_length=DESCRIPTION_MAX_LENGTH, blank=True)
    url = models.URLField(_("page du rendez-vous ou inscription"), blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = ExternalEventQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Quand")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("online_url"), FieldPanel("region")],
            heading=_("Où"),
        ),
        FieldPanel("organiser"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("rendez-vous des réseaux")
        verbose_name_plural = _("rendez-vous des réseaux")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end:
            if self.end <= self.start:
                errors["end"] = gettext("La fin doit être après le début.")
            elif self.end - self.start > MAX_EVENT_DURATION:
                errors["end"] = gettext("Un rendez-vous dure au plus 14 jours.")
        if not (self.place or self.online_url):
            errors["place"] = gettext("Indiquez un lieu ou un lien en ligne.")
        if errors:
            raise ValidationError(errors)

    @property
    def region_name(self):
        return REGION_NAMES.get(self.region, "")

    @property
    def is_online(self):
        return bool(self.online_url) and not self.place

    @property
    def location(self):
        """Where, in one line: the place, or « En ligne »."""
        return self.place or gettext("En ligne")
