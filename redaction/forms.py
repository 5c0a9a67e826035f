"""The editor's forms: one per step. Every text is capped; a number typed in another script than
ASCII digits is refused with a French message, and a form in error keeps what was typed."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from dsfr.forms import DsfrBaseForm
from dsfr.utils import dsfr_input_class_attr

from diagnostic.amounts import AmountError, parse_amount, parse_percent
from portal import numbers

from . import compliance
from .periods import FIRST_YEAR, LAST_YEAR, period_error

LONG_TEXT = 6000
SHORT_TEXT = 300
MAX_CLAUSES = 20
MAX_FAMILLES = 30


def refuse_other_digits(text):
    """Amounts and percentages are typed with units (« 850 M€ », « 12,5 % »): before they are read,
    digits of other scripts (« ٢٠٢٦ », « ２０ ») are refused, as portal.numbers does for integers."""
    if any(char.isdigit() and not char.isascii() for char in str(text)):
        raise ValidationError(_("Tapez les nombres avec les chiffres 0 à 9."))


def _dsfr_classes(form):
    """DSFR classes on the fields a form adds after DsfrBaseForm's own __init__."""
    for visible in form.visible_fields():
        dsfr_input_class_attr(visible)


def parse_year(text, required=True):
    text = (text or "").strip()
    if not text:
        if required:
            raise ValidationError(_("Indiquez une année sur quatre chiffres, par exemple 2026."))
        return None
    refuse_other_digits(text)
    year = numbers.parse_int(text, max_digits=4)
    if year is None or len(text) != 4:
        raise ValidationError(_("Indiquez une année sur quatre chiffres, par exemple 2026."))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(
            _("Indiquez une année entre %(first)s et %(last)s.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def _text_field(label, help_text="", max_length=LONG_TEXT, rows=6):
    return forms.CharField(
        label=label,
        required=False,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if max_length > SHORT_TEXT else None,
        error_messages={
            "max_length": _(
                "Ce texte dépasse %(limit_value)s caractères (il en compte %(show_value)s) : "
                "raccourcissez-le, rien n'a été perdu."
            )
        },
    )


class NewDraftForm(DsfrBaseForm):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, empty_value=None)
    period_start = forms.CharField(
        label=_("Première année du schéma"), max_length=10, help_text=_("Par exemple 2026.")
    )
    period_end = forms.CharField(
        label=_("Dernière année du schéma"), max_length=10, help_text=_("Par exemple 2028.")
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()

    def clean_period_start(self):
        return parse_year(self.cleaned_data["period_start"])

    def clean_period_end(self):
        return parse_year(self.cleaned_data["period_end"])

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and (error := period_error(start, end)):
            self.add_error("period_end", error)
        return cleaned


class StepForm(DsfrBaseForm):
    """A step of the editor: `initial_from(section)` and `to_content()`."""

    #: The version the member started from: another member's save in between is announced.
    base_version = forms.CharField(widget=forms.HiddenInput(), required=False)

    @classmethod
    def initial_from(cls, section):
        return dict(section)

    def clean_base_version(self):
        return numbers.parse_int(self.cleaned_data.get("base_version") or "")


class ContexteForm(StepForm):
    ambition = _text_field(
        _("Contexte et ambition"),
        _("Pourquoi ce schéma, ce qu'il doit changer dans vos achats, pour qui."),
    )
    volume = forms.CharField(
        label=_("Volume annuel des achats (en euros hors taxes)"),
        required=False,
        max_length=60,
        help_text=_("Exemples : 850 000 000, 850 M€, 1,2 Md€."),
    )
    services = _text_field(
        _("Services concernés"),
        _("Directions et services acheteurs qui mettent le schéma en œuvre."),
        max_length=2000,
        rows=3,
    )

    @classmethod
    def initial_from(cls, section):
        initial = dict(section)
        initial["volume"] = section.get("volume_text") or section.get("volume") or ""
        return initial

    def clean_volume(self):
        text = self.cleaned_data["volume"].strip()
        if not text:
            return None
        refuse_other_digits(text)
        try:
            return parse_amount(text)
        except AmountError as error:
            raise ValidationError(str(error)) from None

    def to_content(self):
        data = self.cleaned_data
        return {
            "ambition": data["ambition"].strip(),
            "volume": "" if data["volume"] is None else str(data["volume"]),
            "volume_text": self.data.get(self.add_prefix("volume"), "")[:60].strip(),
            "services": data["services"].strip(),
        }


AXIS_TEXTS = {
    "social": (
        _("Objectifs sociaux"),
        _(
            "Insertion des travailleurs handicapés ou défavorisés, marchés réservés, achats "
            "auprès des ESUS : ce que vous vous engagez à faire."
        ),
    ),
    "ecologique": (
        _("Objectifs écologiques"),
        _("Climat, biodiversité, sobriété : les objectifs environnementaux de vos achats."),
    ),
    "circulaire": (
        _("Contribution à l'économie circulaire"),
        _(
            "Réemploi, réutilisation, matières recyclées (loi AGEC, art. 58), prévention des déchets."
        ),
    ),
}


class AxisForm(StepForm):
    familles = forms.TypedMultipleChoiceField(
        label=_("Familles d'achat concernées"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Les fiches et clauses types de ces familles vous sont proposées."),
    )
    objectifs = _text_field(_("Objectifs"))
    mise_en_oeuvre = _text_field(
        _("Mise en œuvre et suivi annuel"),
        _("Moyens, responsables, et comment l'atteinte des objectifs est suivie chaque année."),
        rows=4,
    )
    clauses = forms.TypedMultipleChoiceField(
        label=_("Clauses types à joindre en annexe"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Une clause choisie n'est plus publiée ou ne correspond pas : décochez-la."
            )
        },
    )

    def __init__(self, *args, axis, familles=(), clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.axis = axis
        label, help_text = AXIS_TEXTS[axis]
        self.fields["objectifs"].label = label
        self.fields["objectifs"].help_text = help_text
        self._bound_fields_cache.clear()  # bound fields copied the labels in DsfrBaseForm
        self.fields["familles"].choices = [(f.pk, f.name) for f in familles]
        self.fields["clauses"].choices = [(c.pk, c.title) for c in clauses]
        if axis == "social":
            self.fields["leviers"] = forms.MultipleChoiceField(
                label=_("Leviers sociaux retenus"),
                required=False,
                choices=compliance.SOCIAL_LEVERS,
                widget=forms.CheckboxSelectMultiple,
            )
            self.order_fields(["leviers", "familles", "objectifs"])
            _dsfr_classes(self)

    def clean_familles(self):
        value = self.cleaned_data["familles"]
        if len(value) > MAX_FAMILLES:
            raise ValidationError(_("Choisissez au plus %(n)s familles.") % {"n": MAX_FAMILLES})
        return value

    def clean_clauses(self):
        value = self.cleaned_data["clauses"]
        if len(value) > MAX_CLAUSES:
            raise ValidationError(_("Joignez au plus %(n)s clauses par axe.") % {"n": MAX_CLAUSES})
        return value

    def to_content(self):
        data = self.cleaned_data
        out = {
            "familles": sorted(set(data["familles"])),
            "objectifs": data["objectifs"].strip(),
            "mise_en_oeuvre": data["mise_en_oeuvre"].strip(),
            "clauses": list(dict.fromkeys(data["clauses"])),
        }
        if self.axis == "social":
            out["leviers"] = list(data["leviers"])
        return out


MEASURE_CHOICES = [("", _("Choisir"))] + [(k, v) for k, v in compliance.MEASURES]


class IndicatorsForm(StepForm):
    """A row per indicator: measure, baseline year and value, a target per year of the period."""

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = list(years)
        self.rows = []
        for key, label, required in compliance.INDICATORS:
            self.fields[f"{key}_measure"] = forms.ChoiceField(
                label=_("Mesure — %(label)s") % {"label": label},
                choices=MEASURE_CHOICES,
                required=False,
            )
            self.fields[f"{key}_baseline_year"] = forms.CharField(
                label=_("Année de référence — %(label)s") % {"label": label},
                required=False,
                max_length=10,
            )
            self.fields[f"{key}_baseline"] = forms.CharField(
                label=_("Valeur de référence (%%) — %(label)s") % {"label": label},
                required=False,
                max_length=20,
            )
            for year in self.years:
                self.fields[f"{key}_target_{year}"] = forms.CharField(
                    label=_("Cible %(year)s (%%) — %(label)s") % {"year": year, "label": label},
                    required=False,
                    max_length=20,
                )
            self.rows.append((key, label, required))
        _dsfr_classes(self)

    @classmethod
    def initial_from(cls, section):
        initial = {}
        for key, values in section.items():
            if not isinstance(values, dict):
                continue
            initial[f"{key}_measure"] = values.get("measure", "")
            initial[f"{key}_baseline_year"] = values.get("baseline_year") or ""
            initial[f"{key}_baseline"] = _fr(values.get("baseline"))
            for year, target in (values.get("targets") or {}).items():
                initial[f"{key}_target_{year}"] = _fr(target)
        return initial

    def _percent(self, name):
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        try:
            refuse_other_digits(text)
            return parse_percent(text)
        except (AmountError, ValidationError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            self.add_error(name, message)
            return None

    def clean(self):
        cleaned = super().clean()
        self.indicators = {}
        for key, _label, _required in self.rows:
            name = f"{key}_baseline_year"
            try:
                baseline_year = parse_year(cleaned.get(name), required=False)
            except ValidationError as error:
                self.add_error(name, error)
                baseline_year = None
            targets = {}
            for year in self.years:
                value = self._percent(f"{key}_target_{year}")
                if value is not None:
                    targets[str(year)] = str(value)
            baseline = self._percent(f"{key}_baseline")
            self.indicators[key] = {
                "measure": cleaned.get(f"{key}_measure", ""),
                "baseline_year": baseline_year,
                "baseline": "" if baseline is None else str(baseline),
                "targets": targets,
            }
        return cleaned

    def table(self):
        """Bound fields per row, for the template's table."""
        return [
            {
                "key": key,
                "label": label,
                "required": required,
                "measure": self[f"{key}_measure"],
                "baseline_year": self[f"{key}_baseline_year"],
                "baseline": self[f"{key}_baseline"],
                "targets": [self[f"{key}_target_{year}"] for year in self.years],
            }
            for key, label, required in self.rows
        ]

    def to_content(self):
        return self.indicators


class GouvernanceForm(StepForm):
    pilotage = _text_field(
        _("Pilotage"), _("Qui porte le schéma (élu, direction), qui l'anime."), rows=3
    )
    calendrier = _text_field(
        _("Calendrier de suivi et de révision"),
        _("Bilan annuel, comité de suivi, révision à mi-parcours…"),
        rows=3,
    )
    publication_indicateurs = forms.BooleanField(
        label=_("Les indicateurs sont publiés tous les deux ans"),
        required=False,
        help_text=_("Obligation de l'article L2111-3 du code de la commande publique."),
    )
    publication_lieu = forms.CharField(
        label=_("Où le schéma est rendu public"),
        required=False,
        max_length=SHORT_TEXT,
        help_text=_("Par exemple l'adresse de la page de votre site internet."),
    )
    facilitateur = forms.CharField(
        label=_("Facilitateur des clauses sociales"),
        required=False,
        max_length=SHORT_TEXT,
        help_text=_(
            "La structure qui accompagne vos clauses d'insertion (PLIE, maison de l'emploi…)."
        ),
    )

    def to_content(self):
        data = self.cleaned_data
        return {
            "pilotage": data["pilotage"].strip(),
            "calendrier": data["calendrier"].strip(),
            "publication_indicateurs": bool(data["publication_indicateurs"]),
            "publication_lieu": data["publication_lieu"].strip(),
            "facilitateur": data["facilitateur"].strip(),
        }


def _fr(value):
    if value in (None, ""):
        return ""
    text = str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


class ShareForm(DsfrBaseForm):
    mentor = forms.TypedChoiceField(
        label=_("Mentor de votre promotion"),
        coerce=int,
        error_messages={"invalid_choice": _("Choisissez un mentor de votre promotion.")},
    )

    def __init__(self, *args, mentors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].choices = [("", _("Choisir"))] + [
            (m.pk, m.get_full_name() or m.email) for m in mentors
        ]
