"""Server-rendered SVG charts with a text alternative (<title>, <desc>). No Django import.

Every chart is an <svg role="img"> labelled by its title and description; the pages also show
the same figures in a data table. Text is escaped here: the strings returned are safe markup.
"""

from html import escape

BLUE = "#000091"
GREY = "#e5e5e5"
RED = "#c9191e"
GREEN = "#18753c"
TEXT = "#161616"


def _fmt(value):
    if value is None:
        return "inconnu"
    text = f"{float(value):.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def _open(chart_id, width, height, title, desc):
    chart_id = escape(chart_id)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagnostic-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" id="{chart_id}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def score_bars(chart_id, sections, title="Répartition du score"):
    """One horizontal bar per section: points out of the section's maximum.

    `sections`: list of (label, points, max_points).
    """
    width, label_w, bar_w, row_h = 720, 370, 270, 34
    height = row_h * len(sections) + 10
    desc = "; ".join(
        f"{label} : {_fmt(points)} sur {maximum}" for label, points, maximum in sections
    )
    parts = _open(chart_id, width, height, title, desc)
    for row, (label, points, maximum) in enumerate(sections):
        y = 5 + row * row_h
        filled = bar_w * (float(points) / maximum if maximum else 0)
        parts += [
            f'<text x="0" y="{y + 18}" font-size="13" fill="{TEXT}">{escape(label)}</text>',
            f'<rect x="{label_w}" y="{y + 4}" width="{bar_w}" height="18" fill="{GREY}"/>',
            f'<rect x="{label_w}" y="{y + 4}" width="{filled:.1f}" height="18" fill="{BLUE}"/>',
            f'<text x="{label_w + bar_w + 8}" y="{y + 18}" font-size="13" fill="{TEXT}">'
            f"{_fmt(points)} / {maximum}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def indicator_bars(chart_id, indicators, title="Vos indicateurs et vos cibles"):
    """One bar per indicator (0–100 %), with marks for the own target and the national target.

    `indicators`: list of (label, share, own_target, national_target); None when unknown.
    """
    width, label_w, bar_w, row_h = 720, 370, 270, 44
    height = row_h * len(indicators) + 34
    bits = []
    for label, share, target, national in indicators:
        text = f"{label} : {_fmt(share)} %" if share is not None else f"{label} : inconnu"
        if target is not None:
            text += f", cible {_fmt(target)} %"
        if national is not None:
            text += f", objectif 2025 du PNAD 2022-2025 {_fmt(national)} %"
        bits.append(text)
    parts = _open(chart_id, width, height, title, "; ".join(bits))
    for row, (label, share, target, national) in enumerate(indicators):
        y = 5 + row * row_h
        short = label if len(label) <= 56 else label[:55] + "…"
        parts += [
            f'<text x="0" y="{y + 20}" font-size="13" fill="{TEXT}">{escape(short)}</text>',
            f'<rect x="{label_w}" y="{y + 6}" width="{bar_w}" height="20" fill="{GREY}"/>',
        ]
        if share is not None:
            filled = bar_w * min(float(share), 100) / 100
            parts.append(
                f'<rect x="{label_w}" y="{y + 6}" width="{filled:.1f}" height="20" fill="{BLUE}"/>'
            )
        for value, colour, dash in (
            (target, GREEN, ' stroke-dasharray="4 2"'),
            (national, RED, ""),
        ):
            if value is not None:
                x = label_w + bar_w * min(float(value), 100) / 100
                parts.append(
                    f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 2}" y2="{y + 30}" '
                    f'stroke="{colour}" stroke-width="3"{dash}/>'
                )
        parts.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 20}" font-size="13" fill="{TEXT}">'
            f"{_fmt(share)}{' %' if share is not None else ''}</text>"
        )
    legend_y = height - 10
    parts += [
        f'<rect x="0" y="{legend_y - 10}" width="12" height="12" fill="{BLUE}"/>',
        f'<text x="16" y="{legend_y}" font-size="12" fill="{TEXT}">Part actuelle</text>',
        f'<line x1="120" x2="120" y1="{legend_y - 12}" y2="{legend_y + 2}" stroke="{GREEN}" '
        f'stroke-width="3" stroke-dasharray="4 2"/>',
        f'<text x="128" y="{legend_y}" font-size="12" fill="{TEXT}">Votre cible</text>',
        f'<line x1="230" x2="230" y1="{legend_y - 12}" y2="{legend_y + 2}" stroke="{RED}" '
        f'stroke-width="3"/>',
        f'<text x="238" y="{legend_y}" font-size="12" fill="{TEXT}">Objectif 2025 du PNAD 2022-2025</text>',
        "</svg>",
    ]
    return "\n".join(parts)


def _nice_ceiling(value):
    """The next round figure above `value` (1, 2, 5, 10, 20 …) for an axis."""
    step = 1.0
    while step < value:
        for factor in (2, 2.5, 2):
            step *= factor
            if step >= value:
                break
    return step


def line_chart(chart_id, title, points, target=None, unit="%", y_max=100):
    """An indicator across years. `points`: list of (year, value or None), sorted by year."""
    width, height = 640, 260
    left, right, top, bottom = 48, 20, 16, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    known = [(year, value) for year, value in points if value is not None]
    desc = "; ".join(
        f"{year} : {_fmt(value)}{' ' + unit if value is not None else ''}" for year, value in points
    )
    if target is not None:
        desc += f". Cible : {_fmt(target)} {unit}"
    parts = _open(chart_id, width, height, title, desc or "Aucune donnée")
    peak = max([float(v) for _y, v in known] + [float(target or 0), 1.0])
    y_max = max(y_max, peak) if y_max else _nice_ceiling(peak * 1.1)
    years = [year for year, _value in points]

    def x_of(year):
        if len(years) == 1:
            return left + plot_w / 2
        return left + plot_w * (years.index(year) / (len(years) - 1))

    def y_of(value):
        return top + plot_h * (1 - float(value) / y_max)

    for tick in range(0, 5):
        value = y_max * tick / 4
        y = y_of(value)
        parts += [
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GREY}"/>',
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" '
            f'fill="{TEXT}">{_fmt(value)}</text>',
        ]
    for year in years:
        parts.append(
            f'<text x="{x_of(year):.1f}" y="{height - 12}" font-size="12" text-anchor="middle" '
            f'fill="{TEXT}">{escape(str(year))}</text>'
        )
    if target is not None:
        y = y_of(target)
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GREEN}" '
            f'stroke-width="2" stroke-dasharray="6 3"/>'
        )
    if len(known) > 1:
        path = " ".join(f"{x_of(year):.1f},{y_of(value):.1f}" for year, value in known)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2.5"/>')
    for year, value in known:
        parts += [
            f'<circle cx="{x_of(year):.1f}" cy="{y_of(value):.1f}" r="4" fill="{BLUE}"/>',
            f'<text x="{x_of(year):.1f}" y="{y_of(value) - 8:.1f}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT}">{_fmt(value)}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)
