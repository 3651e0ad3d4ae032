"""report.html: one self-contained dashboard (inline CSS, JS and SVG; nothing is fetched at view time).

The possible-breach warning comes first, because it has a 72-hour clock. Then the numbers, the
charts, the filterable violations table, what changed since the previous audit, triage, exempt
flows and what was (not) read. Every value is HTML-escaped: paths and evidence come from files.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from reports import private_file
from reports.html_assets import CSP, CSS, JS
from reports.i18n import t, value_label
from reports.reuse import current
from reports.svg import bar_chart, line_chart
from reports.tally import tally
from reports.terminal import printable
from reports.view import (
    breach_deadline,
    gap_notices,
    item_status,
    pupil_rows,
    review_rows,
    reviewed,
    rule_counts,
    school_counts,
    settings_rows,
    source_counts,
    start_rows,
    top_rows,
    when,
)
from scanner.kernel.model import ACCEPTED, EXPIRED, FALSE_POSITIVE, OPEN, Item, Report

Cell = str | tuple[str, str]  # plain text, or (text, css class)


def _e(value: object) -> str:
    """HTML-escaped, with control and bidi characters shown as escapes, as the terminal shows them:
    a name with a right-to-left override must not display as another name in the dashboard."""
    return escape(printable("" if value is None else str(value), keep="\n\t"), quote=True)


def _table(headers: list[str], rows: list[list[Cell]], attrs: str = "", row_attrs: list[str] | None = None,
           empty: str = "") -> str:
    if not rows and empty:
        return f'<p class="muted">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for n, row in enumerate(rows):
        cells = "".join(f'<td class="{c[1]}">{c[0]}</td>' if isinstance(c, tuple) else f"<td>{c}</td>" for c in row)
        body.append(f"<tr{(' ' + row_attrs[n]) if row_attrs else ''}>{cells}</tr>")
    return (f'<div class="table-wrap"><table {attrs}><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def _sev(severity: str, lang: str) -> tuple[str, str]:
    return f'<span class="sev sev-{_e(severity)}">{_e(value_label("sev", severity, lang))}</span>', ""


def _status(status: str, lang: str) -> tuple[str, str]:
    return f'<span class="st st-{_e(status)}">{_e(value_label("status", status, lang))}</span>', ""


def _gaps(report: Report, lang: str) -> str:
    """Unread sources first, in red: without this the zeros below would read as 'clean'."""
    notices = gap_notices(report)
    if not notices:
        return ""
    items = "".join(f"<li><strong>{_e(n.headline)}</strong>"
                    + (f"<br>{_e(t('gap_reason', lang))}: <code>{_e(n.reason)}</code>" if n.reason else "")
                    + f"<br><strong>{_e(t('gap_fix', lang))}:</strong> {_e(n.fix)}</li>" for n in notices)
    return (f'<section id="niet-gelezen" class="breach gap" role="alert"><h2>⚠ {_e(t("gap_title", lang))} '
            f"({len(notices)})</h2><ul>{items}</ul></section>")


def _breaches(report: Report, lang: str) -> str:
    if not report.breaches:
        if gap_notices(report):  # no all-clear for what was not read
            return f'<section id="datalek"><h2>{_e(t("breach_title", lang))}</h2>' \
                   f'<p class="muted">{_e(t("not_established", lang))}</p></section>'
        return f'<section id="datalek" class="ok"><h2>{_e(t("breach_title", lang))}</h2>' \
               f'<p>{_e(t("no_breaches", lang))}</p></section>'
    rows: list[list[Cell]] = [
        [(_e(b.identity), "id"), _e(b.source), (_e(b.path), "path"), _e(b.leerlingnummer or ""),
         _e(", ".join(b.categories)), _e(b.reason), _e(when(b.discovered_at)),
         _e(when(breach_deadline(b.discovered_at))), _status(b.status, lang)] for b in report.breaches]
    headers = [t(k, lang) for k in ("id", "source", "path", "pupil", "categories", "message", "discovered",
                                    "deadline", "status")]
    return (f'<section id="datalek" class="breach"><h2>⚠ {_e(t("breach_title", lang))} ({len(report.breaches)})</h2>'
            f'<p>{_e(t("breach_intro", lang))}</p><p class="guidance">{_e(t("breach_guidance", lang))}</p>'
            f"{_table(headers, rows)}</section>")


def _start_here(report: Report, lang: str) -> str:
    """The top actions, in priority order (reports.priority): where the FG begins."""
    rows = start_rows(report)
    body: list[list[Cell]] = [
        [_e(n), _e(r.priority), (f"<span class='muted'>{_e(r.source)}</span><br>{_e(r.path)}", "path"),
         f"<strong>{_e(r.action or r.rule_title)}</strong><br><span class='small muted'>{_e(r.rule)}</span>",
         _e(r.pupils), _e(r.why), (_e(r.identities), "id")] for n, r in enumerate(rows, start=1)]
    headers = ["#", t("priority", lang), t("path", lang), t("action", lang), t("pupils", lang), t("why", lang),
               t("id", lang)]
    return (f'<section id="begin-hier"><h2>{_e(t("start_here", lang))}</h2>'
            f'<p class="muted">{_e(t("start_here_intro", lang))}</p>'
            + _table(headers, body, attrs='id="start-here"', empty=t("nothing_to_do", lang)) + "</section>")


def _cards(report: Report, lang: str) -> str:
    st = report.statistics
    new = tally(report).new
    cards = [(t("items", lang), st["items"], False), (t("findings", lang), st["findings"], False),
             (t("open_violations", lang), report.open_violations, report.open_violations > 0),
             (t("breach_title", lang), len(report.breaches), bool(report.breaches)),
             (t("unreadable", lang), st["unreadable"], st["unreadable"] > 0)]
    if report.history.previous is not None:
        cards += [(t("new", lang), new, new > 0), (t("resolved", lang), len(report.history.resolved), False)]
    cards += [(t("accepted", lang), report.count(ACCEPTED), False)]
    return '<section class="cards" id="kerncijfers">' + "".join(
        f'<div class="card{" alert" if alert else ""}"><div class="n">{_e(n)}</div><div class="l">{_e(label)}</div>'
        f"</div>" for label, n, alert in cards) + "</section>"


def _charts(report: Report, lang: str) -> str:
    per_rule = bar_chart(t("per_rule", lang), [(code, n) for code, _, n in rule_counts(report)])
    per_source = bar_chart(t("per_source", lang), source_counts(report), label_width=140)
    per_school = bar_chart(t("per_school", lang), [(s or t("no_school", lang), n) for s, n in school_counts(report)],
                           label_width=180)
    audits = report.history.audits
    if audits:
        trend = line_chart(t("trend", lang), [when(a.started_at)[:16] for a in audits],
                           [(t("violations", lang), [a.violations for a in audits]),
                            (t("open_violations", lang), [a.open_violations for a in audits])])
    else:
        trend = f'<p class="muted">{_e(t("first_audit", lang))}</p>'
    figures = [("chart-rule", t("per_rule", lang), per_rule), ("chart-school", t("per_school", lang), per_school),
               ("chart-source", t("per_source", lang), per_source), ("chart-trend", t("trend", lang), trend)]
    return '<section id="grafieken"><div class="charts">' + "".join(
        f'<figure id="{fid}"><figcaption>{_e(caption)}</figcaption>{svg}</figure>' for fid, caption, svg in figures
    ) + "</div></section>"


def _violations(report: Report, lang: str) -> str:
    total = len(report.violations)
    rows = top_rows(report, ROWS_SHOWN)  # the highest priorities
    counted = tally(report)
    rules = sorted(counted.rules)
    present = set(counted.statuses)
    statuses = [s for s in (OPEN, EXPIRED, ACCEPTED, FALSE_POSITIVE) if s in present]
    capped = (f'<p class="muted">{_e(t("violations_capped", lang, shown=len(rows), total=total))}</p>'
              if total > len(rows) else "")
    body: list[list[Cell]] = [
        [(_e(r.identity), "id"), f"<strong>{_e(r.rule)}</strong><br><span class='muted'>{_e(r.rule_title)}</span>",
         (f"{_sev(r.severity, lang)[0]}<br><span class='small muted' title='{_e(r.why)}'>{_e(r.priority)}</span>", ""),
         (f"<span class='muted'>{_e(r.source)}</span><br>{_e(r.path)}", "path"),
         f"{_e(r.leerlingnummer)}<br><span class='small muted'>{_e(r.linked_by)}</span>", _e(r.evidence),
         f"{_e(r.message)}<br><span class='small muted'>{_e(r.legal_reference)}</span>", _e(r.action),
         (f"{_status(r.status, lang)[0]}<br><span class='small muted'>{_e(value_label('change', r.change, lang))}"
          "</span>" + (f"<br><span class='small'>{_e(r.decision)}</span>" if r.decision else ""), "")] for r in rows]
    attrs = [f'data-rule="{_e(r.rule)}" data-status="{_e(r.status)}"' for r in rows]
    headers = [t(k, lang) for k in ("id", "rule", "severity", "path", "pupil", "evidence", "message", "action",
                                    "status")]
    options = "".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in rules)
    status_options = "".join(f'<option value="{_e(s)}">{_e(value_label("status", s, lang))}</option>'
                             for s in statuses)
    return (f'<section id="overtredingen"><h2>{_e(t("violations", lang))} ({total})</h2>'
            f'<p class="muted">{_e(t("id_note", lang))}</p>{capped}<div class="controls">'
            f'<input id="filter" type="search" placeholder="{_e(t("filter", lang))}" '
            f'aria-label="{_e(t("filter", lang))}">'
            f'<select id="rule-filter" aria-label="{_e(t("rule", lang))}"><option value="">{_e(t("all_rules", lang))}'
            f"</option>{options}</select>"
            f'<select id="status-filter" aria-label="{_e(t("status", lang))}"><option value="">'
            f'{_e(t("all_statuses", lang))}</option>{status_options}</select>'
            f'<span><span id="shown-count">{len(rows)}</span> {_e(t("shown", lang))}</span></div>'
            + _table(headers, body, attrs='id="violations"', row_attrs=attrs) + "</section>")


def _to_review(report: Report, lang: str) -> str:
    total = len(report.to_review)
    rows = list(itertools.islice(review_rows(report), ROWS_SHOWN))
    if not rows:
        return (f'<section id="te-beoordelen"><h2>{_e(t("to_review", lang))}</h2>'
                f'<p>{_e(t("nothing_to_review", lang))}</p></section>')
    body: list[list[Cell]] = [
        [f"<strong>{_e(r.rule)}</strong><br><span class='muted'>{_e(r.rule_title)}</span>",
         (f"<span class='muted'>{_e(r.source)}</span><br>{_e(r.path)}", "path"), _e(r.leerlingnummer),
         _e(r.reason), _e(r.linked_by), _e(r.message)] for r in rows]
    headers = [t(k, lang) for k in ("rule", "path", "pupil", "review_reason", "linked_by", "message")]
    capped = (f'<p class="muted">{_e(t("review_capped", lang, shown=len(rows), total=total))}</p>'
              if total > len(rows) else "")
    return (f'<section id="te-beoordelen"><h2>{_e(t("to_review", lang))} ({total})</h2>'
            f'<p class="muted">{_e(t("review_intro", lang))}</p>{capped}'
            + _table(headers, body, attrs='id="to-review"') + "</section>")


def _history(report: Report, lang: str) -> str:
    if report.history.previous is None:
        return f'<section id="verloop"><h2>{_e(t("history", lang))}</h2><p>{_e(t("first_audit", lang))}</p></section>'
    counted = tally(report)
    new, persisting = counted.new, counted.persisting
    line = t("history_line", lang, when=when(report.history.previous.started_at), new=new, persisting=persisting,
             resolved=len(report.history.resolved))
    rows: list[list[Cell]] = [[(_e(r.identity), "id"), _e(r.rule), _sev(r.severity, lang), _e(r.source),
                               (_e(r.masked_path), "path"), _e(when(r.first_seen))] for r in report.history.resolved]
    headers = [t(k, lang) for k in ("id", "rule", "severity", "source", "path", "first_seen")]
    return (f'<section id="verloop"><h2>{_e(t("history", lang))}</h2><p>{_e(line)}</p>'
            f'<h3>{_e(t("resolved", lang))}</h3>'
            + _table(headers, rows, attrs='id="resolved"', empty=t("none", lang)) + "</section>")


def _triage(report: Report, lang: str) -> str:
    rows = top_rows(report, len(tally(report).decided), lambda r: r.status != OPEN)  # as many as the FG decided
    parts = [f'<section id="triage"><h2>{_e(t("triage", lang))}</h2>']
    if report.triage.file:
        parts.append(f'<p class="muted">{_e(t("triage_file", lang))}: {_e(report.triage.file)}</p>')
    headers = [t(k, lang) for k in ("id", "rule", "source", "path", "pupil", "reason", "owner", "expires")]
    for status, key in ((ACCEPTED, "accepted"), (EXPIRED, "expired"), (FALSE_POSITIVE, "false_positives")):
        chosen = [r for r in rows if r.status == status]
        body: list[list[Cell]] = [[(_e(r.identity), "id"), _e(r.rule), _e(r.source), (_e(r.path), "path"),
                                   _e(r.leerlingnummer), _e(r.reason), _e(r.owner), _e(r.expires)] for r in chosen]
        parts.append(f'<h3 id="triage-{status}">{_e(t(key, lang))} ({len(chosen)})</h3>'
                     + _table(headers, body, empty=t("none", lang)))
    if report.triage.unmatched:
        parts.append(f'<h3>{_e(t("unmatched", lang))}</h3><p class="id">'
                     + ", ".join(_e(i) for i in report.triage.unmatched) + "</p>")
    return "".join(parts) + "</section>"


def _exempt(report: Report, lang: str) -> str:
    rows: list[list[Cell]] = [[_e(e.source), (_e(e.path), "path"), _e(e.leerlingnummer or ""), _e(e.party),
                               _e(e.legal_basis), _e(", ".join(e.categories)), _e(e.shared)] for e in report.exempt]
    headers = [t(k, lang) for k in ("source", "path", "pupil", "party", "legal_basis", "categories", "shared")]
    return (f'<section id="vrijgesteld"><h2>{_e(t("exempt", lang))} ({len(rows)})</h2>'
            f'<p class="muted">{_e(t("exempt_intro", lang))}</p>{_table(headers, rows, empty=t("none", lang))}'
            + _kept(report, lang) + "</section>")


def _kept(report: Report, lang: str) -> str:
    rows: list[list[Cell]] = [[_e(k["source"]), (_e(k["path"]), "path"), _e(k["reason"]),
                               _e(", ".join(k.get("leerlingnummers", [])))] for k in report.kept_by_law]
    headers = [t(k, lang) for k in ("source", "path", "reason", "pupils")]
    return f'<h3>{_e(t("kept_by_law", lang))} ({len(rows)})</h3>{_table(headers, rows, empty=t("none", lang))}'


def _per_pupil(report: Report, lang: str) -> str:
    rows: list[list[Cell]] = [[_e(p.leerlingnummer), _e(p.violations), _sev(p.highest, lang), _e(p.rules),
                               _e(p.places)] for p in pupil_rows(report)]
    headers = [t(k, lang) for k in ("pupil", "violations", "highest", "rules", "places")]
    return (f'<section id="per-leerling"><h2>{_e(t("per_pupil", lang))} ({len(rows)})</h2><details><summary>'
            f'{_e(t("per_pupil", lang))}</summary>{_table(headers, rows, empty=t("none", lang))}</details></section>')


ROWS_SHOWN = 5000  # per item table in the page: a browser cannot show a million rows; the workbook has them all


def _capped(rows: Iterable[Item], total: int, lang: str) -> tuple[list[Item], str]:
    """At most ROWS_SHOWN rows, and the note saying where the rest is when there are more."""
    shown = list(itertools.islice(rows, ROWS_SHOWN))
    if total <= len(shown):
        return shown, ""
    return shown, f'<p class="muted">{_e(t("list_capped", lang, shown=len(shown), total=total))}</p>'



def _coverage(report: Report, lang: str) -> str:
    counts = Counter((i.source, i.status) for i in report.items)
    sources = sorted({s for s, _ in counts})
    statuses = ("scanned", "unreadable", "skipped")
    summary: list[list[Cell]] = [[_e(s), *[_e(counts.get((s, st), 0)) for st in statuses]] for s in sources]
    n_problems = sum(n for (_, st), n in counts.items() if st != "scanned")
    problems, problems_note = _capped((i for i in report.items if i.status != "scanned"), n_problems, lang)
    prob_rows: list[list[Cell]] = [[_e(i.source), (_e(i.path), "path"), _e(item_status(i.status, lang)),
                                    _e(i.reason or "")] for i in problems]
    shown, all_note = _capped(iter(report.items), len(report.items), lang)
    all_rows: list[list[Cell]] = [[_e(i.source), (_e(i.path), "path"), _e(item_status(i.status, lang)),
                                   _e(i.kind), _e(i.role or ""), _e(i.party or "")] for i in shown]
    parts = [f'<section id="dekking"><h2>{_e(t("coverage", lang))}</h2>',
             _table([t("source", lang), *[t(s, lang) for s in statuses]], summary, attrs='id="coverage-summary"'),
             f'<h3>{_e(t("problem_items", lang))} ({n_problems})</h3>',
             _table([t(k, lang) for k in ("source", "path", "status", "reason")], prob_rows, attrs='id="gaps"',
                    empty=t("none", lang)) + problems_note]
    if report.skipped_rules:
        parts.append(f'<h3>{_e(t("skipped_rules", lang))}</h3><ul>' + "".join(
            f"<li><strong>{_e(s['rule'])}</strong>: {_e(s['reason'])}</li>" for s in report.skipped_rules) + "</ul>")
    gone = report.statistics.get("excluded") or {}
    if gone.get("files") or gone.get("folders"):
        parts.append(f'<p id="excluded">{_e(t("excluded", lang, files=gone["files"], folders=gone["folders"]))}</p><ul>'
                     + "".join(f"<li><strong>{_e(name)}</strong>: {_e(', '.join(s['include'] + s['exclude']))}</li>"
                               for name, s in gone.get("by_source", {}).items()) + "</ul>")
    problems_in_records = report.statistics.get("record_problems", [])
    if problems_in_records:
        parts.append(f'<h3>{_e(t("record_problems", lang))}</h3><ul>'
                     + "".join(f"<li>{_e(p)}</li>" for p in problems_in_records[:500]) + "</ul>")
    parts.append(f'<details><summary>{_e(t("all_items", lang))} ({len(report.items)})</summary>'
                 + _table([t(k, lang) for k in ("source", "path", "status", "kind", "role", "party")], all_rows)
                 + all_note + "</details></section>")
    return "".join(parts)


def _settings(report: Report, lang: str) -> str:
    rows: list[list[Cell]] = [[_e(k), _e(v)] for k, v in settings_rows(report)]
    return (f'<section id="instellingen"><h2>{_e(t("settings", lang))}</h2><details><summary>'
            f'{_e(t("settings", lang))}</summary>{_table([t("setting", lang), t("value", lang)], rows)}</details>'
            "</section>")


def render_html(report: Report) -> str:
    return "".join(text for _, text in _page(report))


# The sections a rescan may take over from the previous page (reports.reuse), with what they rest on
# besides the items and findings: the violations' sections rest on the reviewed violations and their
# priorities (Reuse.violations_key), the coverage section on `_coverage_key`.
VIOLATION_PARTS = ("violations", "per_pupil")


def _page(report: Report, kept: dict[str, str] | None = None) -> list[tuple[str | None, str]]:
    """The page as (part name or None, text) in order; `kept` holds parts as a previous run wrote them,
    when they can be taken over."""
    kept = kept or {}
    lang = reviewed(report).lang
    sources = ", ".join(f"{s.name} ({s.type})" for s in report.settings.sources)
    note = t("raw_note" if report.show_values else "masked_note", lang)
    nav = [("datalek", "breach_title"), ("begin-hier", "start_here"), ("grafieken", "summary"),
           ("overtredingen", "violations"),
           ("te-beoordelen", "to_review"), ("verloop", "history"), ("triage", "triage"), ("vrijgesteld", "exempt"),
           ("dekking", "coverage"), ("instellingen", "settings")]

    def part(name: str, *sections: Callable[[Report, str], str]) -> tuple[str, str]:
        text = kept.get(name)
        return name, text if text is not None else "".join(section(report, lang) for section in sections)

    head = (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">'
            f"<title>{_e(t('title', lang))} — {_e(report.settings.as_of.isoformat())}</title><style>{CSS}</style>"
            f"</head><body><header><h1>{_e(t('title', lang))}</h1><div class=\"meta\">"
            f"{_e(t('as_of', lang))}: {_e(report.settings.as_of.isoformat())} · {_e(t('generated', lang))}: "
            f"{_e(when(report.generated_at))} · {_e(t('source', lang))}: {_e(sources)} · avgscan "
            f"{_e(report.settings.version)}<br>{_e(note)}</div></header><nav>"
            + "".join(f'<a href="#{a}">{_e(t(k, lang))}</a>' for a, k in nav) + "</nav><main>"
            + "".join(section(report, lang) for section in (_gaps, _breaches, _start_here, _cards, _charts)))
    middle = "".join(section(report, lang) for section in (_history, _triage, _exempt))
    tail = f"{_settings(report, lang)}</main><footer>avgscan · {_e(note)}</footer><script>{JS}</script></body></html>"
    return [(None, head), part("violations", _violations, _to_review), (None, middle), part("per_pupil", _per_pupil),
            part("coverage", _coverage), (None, tail)]


def _coverage_key(report: Report) -> str:
    """What the coverage section shows apart from the items: the skipped rules, what was excluded, the
    problems in the records."""
    st = report.statistics
    return hashlib.sha256(json.dumps([report.skipped_rules, st.get("excluded"), st.get("record_problems")],
                                     default=str).encode()).hexdigest()


def write_html(report: Report, out_dir: Path) -> Path:
    """A rescan takes the sections over that rest on nothing that changed (reports.reuse): the coverage
    section (every item) with the same items, the violations' sections with the same reviewed violations."""
    path = out_dir / "report.html"
    reuse = current()
    keys: dict[str, str] = {}
    kept: dict[str, str] = {}
    if reuse is not None:
        keys = {"coverage": _coverage_key(report)} | {name: reuse.violations_key(report) for name in VIOLATION_PARTS}
        kept = {name: data.decode() for name, key in keys.items()
                if (data := reuse.take(path.name, name, key)) is not None}
    offset = 0
    with open(path, "wb") as fh:
        for name, text in _page(report, kept):
            data = text.encode()
            fh.write(data)
            if reuse is not None and name is not None:
                reuse.note(path.name, name, offset, offset + len(data), keys[name])
            offset += len(data)
    private_file(path)
    return path
