"""Charts as inline SVG, drawn in Python: the dashboard must work offline, so no chart library or CDN.

Each function returns one self-contained `<svg>` element with a <title> for screen readers.
"""

from __future__ import annotations

import html

from reports.terminal import printable


def escape(text: object) -> str:
    """Chart labels (source, school names) escaped for SVG, control and bidi characters as escapes."""
    return html.escape(printable(text))


PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568")
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', sans-serif\" font-size=\"12\""


def bar_chart(title: str, bars: list[tuple[str, int]], width: int = 520, label_width: int = 200) -> str:
    """Horizontal bars with their value at the end; zero bars still show their label."""
    bar_h, gap, top = 20, 8, 8
    height = top * 2 + max(1, len(bars)) * (bar_h + gap)
    top_value = max([v for _, v in bars] + [1])
    span = width - label_width - 50
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{escape(title)}</title>']
    for n, (label, value) in enumerate(bars):
        y = top + n * (bar_h + gap)
        w = round(span * value / top_value) if value else 0
        color = PALETTE[n % len(PALETTE)]
        text = label if len(label) <= 30 else label[:29] + "…"
        parts.append(f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" fill="#1a202c">{escape(text)}'
                     f'<title>{escape(label)}</title></text>')
        parts.append(f'<rect class="bar" x="{label_width}" y="{y}" width="{max(w, 1)}" height="{bar_h}" rx="3" '
                     f'fill="{color if value else "#cbd5e0"}"><title>{escape(label)}: {value}</title></rect>')
        parts.append(f'<text x="{label_width + max(w, 1) + 6}" y="{y + 14}" fill="#1a202c">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def line_chart(title: str, labels: list[str], series: list[tuple[str, list[int]]], width: int = 520,
               height: int = 220) -> str:
    """Values per audit, one line per series, with a legend; one audit shows as dots."""
    left, right, top, bottom = 40, 16, 28, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max([v for _, vals in series for v in vals] + [2])
    top_value += top_value % 2  # an even top keeps the middle grid line a whole number
    steps = max(len(labels) - 1, 1)

    def xy(i: int, v: int) -> tuple[float, float]:
        x = left + (plot_w * i / steps if len(labels) > 1 else plot_w / 2)
        return round(x, 1), round(top + plot_h - plot_h * v / top_value, 1)

    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'xmlns="http://www.w3.org/2000/svg" {FONT}><title>{escape(title)}</title>']
    for frac in (0, 0.5, 1):
        y = round(top + plot_h - plot_h * frac, 1)
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y}" y2="{y}" stroke="#e2e8f0"/>'
                     f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" fill="#4a5568">'
                     f"{top_value * frac:g}</text>")
    every = max(1, len(labels) // 6)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x, _ = xy(i, 0)
            anchor = "start" if i == 0 and len(labels) > 1 else "end" if i == len(labels) - 1 and i else "middle"
            parts.append(f'<text x="{x}" y="{height - bottom + 16}" text-anchor="{anchor}" fill="#4a5568">'
                         f'{escape(label)}</text>')
    for n, (name, values) in enumerate(series):
        color = PALETTE[n % len(PALETTE)]
        points = [xy(i, v) for i, v in enumerate(values)]
        if len(points) > 1:
            parts.append(f'<polyline fill="none" stroke="{color}" stroke-width="2.5" '
                         f'points="{" ".join(f"{x},{y}" for x, y in points)}"/>')
        for (x, y), v, label in zip(points, values, labels, strict=False):
            parts.append(f'<circle cx="{x}" cy="{y}" r="4" fill="{color}"><title>{escape(name)} {escape(label)}: '
                         f'{v}</title></circle>')
        lx = left + n * 150
        parts.append(f'<rect x="{lx}" y="6" width="12" height="12" rx="2" fill="{color}"/>'
                     f'<text x="{lx + 18}" y="16" fill="#1a202c">{escape(name)}</text>')
    parts.append("</svg>")
    return "".join(parts)
