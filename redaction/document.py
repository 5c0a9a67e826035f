"""The SPASER document built from a draft: sections, the indicators table and the annex of clauses,
once, for the .docx, .odt and PDF writers. No Django import."""

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from . import compliance


@dataclass
class Section:
    heading: str
    paragraphs: list = field(default_factory=list)
    bullets: list = field(default_factory=list)
    subsections: list = field(default_factory=list)
    table: bool = False  # the indicators table goes at the end of this section


@dataclass
class AnnexClause:
    title: str
    description: str  # type, nature and legal basis
    text: str
    source: str  # the clause's address on the portal


@dataclass
class Document:
    title: str
    subtitle: str
    sections: list
    table_header: list
    table_rows: list
    annex: list
    filename: str  # without extension

    def headings(self):
        """(level, text) of every heading, in order: the table of contents."""
        out = []
        for section in self.sections:
            out.append((1, section.heading))
            out.extend((2, sub.heading) for sub in section.subsections)
        if self.annex:
            out.append((1, ANNEX_HEADING))
            out.extend((2, clause.title) for clause in self.annex)
        return out


ANNEX_HEADING = "Annexe : clauses types retenues"
AXIS_HEADINGS = {
    "social": "Objectifs sociaux",
    "ecologique": "Objectifs écologiques",
    "circulaire": "Contribution à l'économie circulaire",
}
LEVER_LABELS = dict(compliance.SOCIAL_LEVERS)


def paragraphs(text):
    """Blocks separated by a blank line; single line breaks are kept inside a block."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]


def filename(organisation, start, end):
    """« spaser-metropole-d-exemple-2026-2028 »: ASCII, organisation and period."""
    ascii_name = unicodedata.normalize("NFKD", organisation).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:80] or "organisation"
    return f"spaser-{slug}-{start}-{end}"


def _fr(value):
    if value in (None, ""):
        return ""
    number = Decimal(str(value)).normalize()
    return format(number, "f").replace(".", ",")


def _amount(value):
    if value in (None, ""):
        return ""
    whole = int(Decimal(str(value)))
    return f"{whole:,}".replace(",", " ") + " € HT"


def build(*, title, organisation, start, end, data, familles, clauses, check=None):
    """The document of a draft.

    `data`: the draft's content over the empty shape; `familles`: {axis: [names]}; `clauses`:
    {axis: [AnnexClause]}; `check`: the compliance result, listed when contents are missing."""
    years = compliance.period_years(start, end)
    context = data["contexte"]
    intro = Section("Contexte et ambition", paragraphs(context.get("ambition")))
    if context.get("volume"):
        intro.bullets.append(f"Volume annuel des achats : {_amount(context['volume'])}")
    if context.get("services"):
        intro.bullets.append(f"Services concernés : {context['services'].strip()}")
    sections = [intro]
    for axis in compliance.AXES:
        values = data[axis]
        section = Section(AXIS_HEADINGS[axis], paragraphs(values.get("objectifs")))
        for lever in values.get("leviers") or []:
            if lever in LEVER_LABELS:
                section.bullets.append(LEVER_LABELS[lever])
        if familles.get(axis):
            section.bullets.append("Familles d'achat : " + ", ".join(familles[axis]))
        follow_up = paragraphs(values.get("mise_en_oeuvre"))
        if follow_up:
            section.subsections.append(Section("Mise en œuvre et suivi annuel", follow_up))
        if clauses.get(axis):
            section.subsections.append(
                Section(
                    "Clauses types retenues",
                    ["Texte intégral en annexe."],
                    [clause.title for clause in clauses[axis]],
                )
            )
        sections.append(section)

    header = ["Indicateur", "Mesure", "Référence"] + [str(year) for year in years]
    rows = []
    for key, label, required in compliance.INDICATORS:
        indicator = data["indicateurs"][key]
        targets = indicator.get("targets") or {}
        has_data = indicator.get("measure") or indicator.get("baseline") or targets
        if not required and not has_data:
            continue
        reference = ""
        if indicator.get("baseline") not in (None, ""):
            reference = f"{_fr(indicator['baseline'])} %"
            if indicator.get("baseline_year"):
                reference += f" ({indicator['baseline_year']})"
        rows.append(
            [
                label,
                compliance.MEASURE_LABELS.get(indicator.get("measure"), "à préciser"),
                reference or "à préciser",
            ]
            + [f"{_fr(targets[str(year)])} %" if targets.get(str(year)) else "—" for year in years]
        )
    indicators = Section(
        "Indicateurs et cibles",
        [
            f"Cibles annuelles pour {start}-{end}, en part des marchés ou des achats. Les "
            "indicateurs sont publiés tous les deux ans (art. L2111-3 du code de la commande "
            "publique)."
        ],
        table=True,
    )
    sections.append(indicators)

    gov = data["gouvernance"]
    governance = Section("Gouvernance et suivi")
    for label, key in (
        ("Pilotage", "pilotage"),
        ("Calendrier de suivi et de révision", "calendrier"),
    ):
        if gov.get(key):
            governance.subsections.append(Section(label, paragraphs(gov[key])))
    if gov.get("publication_indicateurs"):
        governance.bullets.append("Les indicateurs du schéma sont publiés tous les deux ans.")
    if gov.get("publication_lieu"):
        governance.bullets.append(f"Le schéma est rendu public : {gov['publication_lieu']}")
    if gov.get("facilitateur"):
        governance.bullets.append(f"Facilitateur des clauses sociales : {gov['facilitateur']}")
    sections.append(governance)

    if check is not None and check.missing:
        sections.append(
            Section(
                "Contenus à compléter",
                ["Ce projet ne contient pas encore tous les contenus exigés par la loi :"],
                [f"{item.label} ({item.source})" for item in check.missing],
            )
        )
    annex = {}
    for axis in compliance.AXES:
        for clause in clauses.get(axis, []):
            annex.setdefault(clause.source or clause.title, clause)
    return Document(
        title=title,
        subtitle=f"{organisation} — schéma de promotion des achats socialement et "
        f"écologiquement responsables, {start}-{end}",
        sections=sections,
        table_header=header,
        table_rows=rows,
        annex=list(annex.values()),
        filename=filename(organisation, start, end),
    )
