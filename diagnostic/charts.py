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


# Bar charts are drawn narrow, each label on its own line(s) above its bar: shown 343 px wide
# (a 375 px phone), text keeps at least 12 px; on a wide screen the CSS caps the chart's width.
STACK_WIDTH, STACK_BAR, STACK_FONT, STACK_LINE, STACK_WRAP = 400, 300, 15, 18, 44
NOTE_FONT = 14  # the gaps under an indicator's bar: 12 px on a phone
WHITE = "#ffffff"


def _wrap(text, width=STACK_WRAP, at_comma=False):
    """`text` cut at spaces into lines of at most `width` characters. With `at_comma`, a text too
    long for one line breaks after its first comma when both halves fit (« …100 %, » / « écart
    de 50 points ») rather than leaving one word alone."""
    head, comma, tail = text.partition(", ")
    if at_comma and len(text) > width and comma and len(head) < width and len(tail) <= width:
        return [f"{head},", tail]
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def _label(x, y, text, font=STACK_FONT, at_comma=False):
    """A label over several lines (<tspan>), its first baseline at `y`; returns (markup, height)."""
    lines = _wrap(text, STACK_WRAP * STACK_FONT // font, at_comma)
    line_h = STACK_LINE * font // STACK_FONT
    spans = "".join(
        f'<tspan x="{x}" dy="{0 if row == 0 else line_h}">{escape(line)}</tspan>'
        for row, line in enumerate(lines)
    )
    markup = f'<text x="{x}" y="{y}" font-size="{font}" fill="{TEXT}">{spans}</text>'
    return markup, line_h * len(lines)


def _open_stacked(chart_id, height, title, desc):
    parts = _open(chart_id, STACK_WIDTH, height, title, desc)
    parts[0] = parts[0].replace(
        'class="diagnostic-chart"', 'class="diagnostic-chart diagnostic-chart--stacked"'
    )
    return parts


def score_bars(chart_id, sections, title="Répartition du score"):
    """One horizontal bar per section: points out of the section's maximum.

    `sections`: list of (label, points, max_points).
    """
    desc = "; ".join(
        f"{label} : {_fmt(points)} sur {maximum}" for label, points, maximum in sections
    )
    body, y = [], 0
    for label, points, maximum in sections:
        markup, label_h = _label(0, y + STACK_FONT, label)
        bar_y = y + label_h + 4
        filled = STACK_BAR * (float(points) / maximum if maximum else 0)
        body += [
            markup,
            f'<rect x="0" y="{bar_y}" width="{STACK_BAR}" height="20" fill="{GREY}"/>',
            f'<rect x="0" y="{bar_y}" width="{filled:.1f}" height="20" fill="{BLUE}"/>',
            f'<text x="{STACK_BAR + 8}" y="{bar_y + 16}" font-size="{STACK_FONT}" fill="{TEXT}">'
            f"{_fmt(points)} / {maximum}</text>",
        ]
        y = bar_y + 20 + 14
    parts = _open_stacked(chart_id, y, title, desc)
    return "\n".join([*parts, *body, "</svg>"])


def _mark(x, y1, y2, colour, dash=""):
    """A target mark: a white halo under the coloured line, so that it stands out (contrast of 3:1
    at least) on the blue bar as on the grey track."""
    return [
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1}" y2="{y2}" stroke="{WHITE}" stroke-width="7"/>',
        f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y1}" y2="{y2}" stroke="{colour}" '
        f'stroke-width="3"{dash}/>',
    ]


def indicator_bars(chart_id, indicators, title="Vos indicateurs et vos cibles"):
    """One bar per indicator (0–100 %), with marks for the own target and the national target.

    `indicators`: list of (label, share, own_target, national_target[, notes]); None when
    unknown. The own target's mark covers the bar's upper half and the national target's its
    lower half: a target equal to the national one stays visible. `notes` (the gaps to the
    targets, in words) are written under the bar and added to the description.
    """
    indicators = [(*row, [])[:5] for row in indicators]
    bits = []
    for label, share, target, national, notes in indicators:
        text = f"{label} : {_fmt(share)} %" if share is not None else f"{label} : inconnu"
        if target is not None:
            text += f", cible {_fmt(target)} %"
        if national is not None:
            text += f", objectif 2025 du PNAD 2022-2025 {_fmt(national)} %"
        bits.append(". ".join([text, *notes]))
    body, y = [], 0
    for label, share, target, national, notes in indicators:
        markup, label_h = _label(0, y + STACK_FONT, label)
        bar_y = y + label_h + 8
        body += [markup, f'<rect x="0" y="{bar_y}" width="{STACK_BAR}" height="24" fill="{GREY}"/>']
        if share is not None:
            filled = STACK_BAR * min(float(share), 100) / 100
            body.append(f'<rect x="0" y="{bar_y}" width="{filled:.1f}" height="24" fill="{BLUE}"/>')
        for value, colour, dash, y1, y2 in (
            (target, GREEN, ' stroke-dasharray="4 2"', bar_y - 5, bar_y + 12),
            (national, RED, "", bar_y + 12, bar_y + 29),
        ):
            if value is not None:
                x = 2 + (STACK_BAR - 4) * min(float(value), 100) / 100
                body += _mark(x, y1, y2, colour, dash)
        body.append(
            f'<text x="{STACK_BAR + 8}" y="{bar_y + 18}" font-size="{STACK_FONT}" fill="{TEXT}">'
            f"{_fmt(share)}{' %' if share is not None else ''}</text>"
        )
        y = bar_y + 29 + 4
        for note in notes:
            markup, note_h = _label(0, y + NOTE_FONT, note, NOTE_FONT, at_comma=True)
            body.append(markup)
            y += note_h
        y += 10
    # Legend: one entry a line, so that it stays readable on a phone.
    for row, (swatch, text) in enumerate(
        (
            (f'<rect x="0" y="{{y}}" width="14" height="14" fill="{BLUE}"/>', "Part actuelle"),
            (
                _mark(7, "{y}", "{y2}", GREEN, ' stroke-dasharray="4 2"'),
                "Votre cible (haut de la barre)",
            ),
            (_mark(7, "{y}", "{y2}", RED), "Objectif 2025 du PNAD 2022-2025 (bas de la barre)"),
        )
    ):
        line_y = y + 4 + row * 22
        swatch = swatch if isinstance(swatch, str) else "".join(swatch)
        body += [
            swatch.format(y=line_y, y2=line_y + 16),
            f'<text x="22" y="{line_y + 13}" font-size="{STACK_FONT - 1}" fill="{TEXT}">{text}</text>',
        ]
    height = y + 4 + 3 * 22
    parts = _open_stacked(chart_id, height, title, "; ".join(bits))
    return "\n".join([*parts, *body, "</svg>"])


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
    # Narrow like the bar charts: shown 343 px wide, its text keeps at least 12 px.
    width, height = STACK_WIDTH, 270
    left, right, top, bottom = 44, 24, 20, 58
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
            f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="{STACK_FONT - 1}" text-anchor="end" '
            f'fill="{TEXT}">{_fmt(value)}</text>',
        ]
    for year in years:
        parts.append(
            f'<text x="{x_of(year):.1f}" y="{top + plot_h + 20}" font-size="{STACK_FONT - 1}" '
            f'text-anchor="middle" '
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
            f'<text x="{x_of(year):.1f}" y="{y_of(value) - 8:.1f}" font-size="{STACK_FONT - 1}" '
            f'text-anchor="middle" fill="{TEXT}">{_fmt(value)}</text>',
        ]
    # Visible legend, under the years: the line of the values and, if any, the target's.
    legend_y = height - 14
    parts += [
        f'<line x1="0" x2="24" y1="{legend_y - 5}" y2="{legend_y - 5}" stroke="{BLUE}" '
        f'stroke-width="2.5"/>',
        f'<text x="30" y="{legend_y}" font-size="{STACK_FONT - 1}" fill="{TEXT}">Valeur</text>',
    ]
    if target is not None:
        parts += [
            f'<line x1="110" x2="134" y1="{legend_y - 5}" y2="{legend_y - 5}" stroke="{GREEN}" '
            f'stroke-width="2" stroke-dasharray="6 3"/>',
            f'<text x="140" y="{legend_y}" font-size="{STACK_FONT - 1}" fill="{TEXT}">'
            f"Cible : {_fmt(target)} {escape(unit)}</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)
