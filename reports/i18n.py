"""Report labels in Dutch (the default: the FG works in Dutch) and English (`--lang en`).

Only the words the report writers put around the data live here: headings, severities, statuses.
What a rule says (its title and recommended action in both languages) belongs to the rule class and
is read through the rule registry (reports/view.py rule_title, rule_action); messages come from the
rules in the language of the run.
"""

from __future__ import annotations

LANGS = ("nl", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # titles and sections
    "title": ("AVG-scan: rapport voor de functionaris gegevensbescherming",
              "AVG scan: report for the data protection officer"),
    "breach_title": ("Mogelijk datalek", "Possible data breach"),
    "breach_intro": (
        "Bijzondere persoonsgegevens of BSN's waren voor iedereen leesbaar. Dit kan een datalek zijn "
        "(AVG art. 4 onder 12).",
        "Special-category personal data or BSNs were readable by everyone. This may be a personal data breach "
        "(GDPR art. 4(12))."),
    "breach_guidance": (
        "Wat nu (AVG art. 33): beoordeel direct of er sprake is van een datalek en of het waarschijnlijk een "
        "risico voor de betrokkenen oplevert. Is dat zo, meld het dan binnen 72 uur na ontdekking bij de "
        "Autoriteit Persoonsgegevens, en bij een hoog risico ook aan de betrokkenen (art. 34). Leg ieder "
        "datalek vast in het datalekregister, ook als het niet gemeld hoeft te worden (art. 33 lid 5). "
        "Beperk de toegang meteen.",
        "What now (GDPR art. 33): assess at once whether this is a personal data breach and whether it is likely "
        "to result in a risk to the data subjects. If so, notify the Autoriteit Persoonsgegevens within 72 hours "
        "of discovery, and the data subjects too when the risk is high (art. 34). Record every breach in the "
        "breach register, also when it need not be notified (art. 33(5)). Restrict access immediately."),
    "gap_title": ("Bron niet (volledig) gelezen", "Source not (fully) read"),
    "gap_whole": ("{source} kon niet worden gelezen: niets uit deze bron is gecontroleerd. Nullen en 'niets "
                  "gevonden' gelden niet voor deze bron.",
                  "{source} could not be read: nothing in this source was checked. Zeros and 'nothing found' do "
                  "not hold for this source."),
    "gap_part": ("{source}: {unreadable} van {units} onderdelen ({pct}%) konden niet worden gelezen; wat daarin "
                 "staat, is niet gecontroleerd.",
                 "{source}: {unreadable} of {units} parts ({pct}%) could not be read; what they hold was not "
                 "checked."),
    "gap_reason": ("Reden", "Reason"),
    "gap_fix": ("Oplossing", "Fix"),
    "not_established": ("Niet vast te stellen: niet alle bronnen zijn gelezen (zie de melding bovenaan).",
                        "Cannot be established: not every source was read (see the warning at the top)."),
    "start_here": ("Begin hier", "Start here"),
    "start_here_intro": ("De belangrijkste acties eerst: gerangschikt op mogelijk datalek, bijzondere gegevens of BSN, "
                         "aantal leerlingen op dezelfde plek, hoe lang het al open staat en hoe open de plek is.",
                         "The most important actions first: ranked by possible breach, special categories or BSN, "
                         "number of pupils in the same place, how long it has been open and how open the place is."),
    "nothing_to_do": ("Geen open overtredingen.", "No open violations."),
    "priority": ("Prioriteit", "Priority"),
    "why": ("Waarom eerst", "Why first"),
    "action_pupils": ("{n} leerling(en)", "{n} pupil(s)"),
    "why_breach": ("mogelijk datalek", "possible breach"),
    "why_special": ("bijzondere gegevens", "special categories"),
    "why_bsn": ("BSN", "BSN"),
    "why_pupils": ("meer leerlingen op deze plek", "more pupils in this place"),
    "why_long_open": ("staat al lang open", "open for a long time"),
    "why_place_world_readable": ("voor iedereen leesbaar", "readable by everyone"),
    "why_place_open": ("open map", "open folder"),
    "why_place_outbound": ("naar een externe partij", "sent to an outside party"),
    "discovered": ("Ontdekt", "Discovered"),
    "deadline": ("Uiterlijk melden", "Notify by"),
    "categories": ("Categorieën", "Categories"),
    "no_breaches": ("Geen mogelijke datalekken gevonden.", "No possible data breaches found."),
    "summary": ("Samenvatting", "Summary"),
    "violations": ("Overtredingen", "Violations"),
    "per_pupil": ("Per leerling", "Per pupil"),
    "coverage": ("Dekking", "Coverage"),
    "settings": ("Instellingen", "Settings"),
    "exempt": ("Vrijgestelde verstrekkingen", "Exempt flows"),
    "exempt_sheet": ("Vrijgesteld", "Exempt"),
    "exempt_intro": ("Gegevens naar partijen die geen toestemming nodig hebben, met de wettelijke grondslag.",
                     "Data that went to parties that need no consent, with the legal basis."),
    "triage": ("Geaccepteerde risico's", "Accepted risks"),
    "triage_sheet": ("Triage", "Triage"),
    "accepted": ("Geaccepteerd risico (geldig)", "Accepted risk (valid)"),
    "expired": ("Acceptatie verlopen", "Acceptance expired"),
    "false_positives": ("Gemarkeerd als vals-positief", "Marked as false positive"),
    "unmatched": ("Triage-regels zonder overtreding (opgelost?)", "Triage entries without a violation (resolved?)"),
    "history": ("Verloop", "History"),
    "trend": ("Verloop over audits", "Trend across audits"),
    "since_previous": ("Sinds de vorige audit", "Since the previous audit"),
    "first_audit": ("Dit is de eerste audit in deze uitvoermap.", "This is the first audit in this output folder."),
    "resolved": ("Opgelost", "Resolved"),
    "new": ("Nieuw", "New"),
    "persisting": ("Blijvend", "Persisting"),
    "kept_by_law": ("Bewaard op grond van de wet", "Kept by law"),
    "skipped_rules": ("Niet uitgevoerde regels", "Rules not run"),
    "record_problems": ("Problemen in de registraties", "Problems in the records"),
    "excluded": ("Niet gescand, uitgesloten door include/exclude in de configuratie: {files} bestanden en "
                 "{folders} mappen", "Not scanned, excluded by include/exclude in the config: {files} files and "
                 "{folders} folders"),
    "per_rule": ("Overtredingen per regel", "Violations per rule"),
    "per_source": ("Overtredingen per bron", "Violations per source"),
    "per_school": ("Overtredingen per school", "Violations per school"),
    "school": ("School", "School"),
    "no_school": ("(geen enkele leerling)", "(no single pupil)"),
    "per_severity": ("Overtredingen per ernst", "Violations per severity"),
    "filter": ("Filter op tekst…", "Filter text…"),
    "all_rules": ("Alle regels", "All rules"),
    "all_statuses": ("Alle statussen", "All statuses"),
    "shown": ("getoond", "shown"),
    "none": ("Geen.", "None."),
    "masked_note": ("Bewijs is gemaskeerd; dit rapport bevat geen ruwe waarden.",
                    "Evidence is masked; this report holds no raw values."),
    "raw_note": ("LET OP: dit rapport bevat onversleutelde persoonsgegevens (--show-values).",
                 "WARNING: this report holds unmasked personal data (--show-values)."),
    "id_note": ("Kopieer de ID van een overtreding naar het triagebestand om een risico te accepteren of een "
                "vals-positief te markeren.",
                "Copy a violation's ID into the triage file to accept a risk or mark a false positive."),
    "scanned_items": ("Gescande items", "Scanned items"),
    "problem_items": ("Onleesbaar of overgeslagen", "Unreadable or skipped"),
    "all_items": ("Alle items", "All items"),
    "list_capped": ("Hier de eerste {shown} van {total}; de volledige lijst staat in report.xlsx (blad Dekking) "
                    "en report.json.",
                    "The first {shown} of {total} are shown here; the full list is in report.xlsx (sheet Coverage) "
                    "and report.json."),
    "violations_capped": ("Hier de {shown} met de hoogste prioriteit van {total}; de volledige lijst staat in "
                          "report.xlsx (blad Overtredingen), violations.csv en report.json.",
                          "The {shown} with the highest priority of {total} are shown here; the full list is in "
                          "report.xlsx (sheet Violations), violations.csv and report.json."),
    "review_capped": ("Hier de eerste {shown} van {total}; de volledige lijst staat in report.xlsx (blad Te "
                      "beoordelen) en report.json.",
                      "The first {shown} of {total} are shown here; the full list is in report.xlsx (sheet To "
                      "review) and report.json."),
    # column headers
    "id": ("ID", "ID"),
    "rule": ("Regel", "Rule"),
    "description": ("Omschrijving", "Description"),
    "count": ("Aantal", "Count"),
    "severity": ("Ernst", "Severity"),
    "source": ("Bron", "Source"),
    "path": ("Plek", "Place"),
    "place": ("Vindplaats", "Location"),
    "pupil": ("Leerling", "Pupil"),
    "evidence": ("Bewijs (gemaskeerd)", "Evidence (masked)"),
    "linked_by": ("Gekoppeld via", "Linked by"),
    "shared": ("Gedeeld", "Shared"),
    "to_review": ("Te beoordelen", "To review"),
    "review_reason": ("Waarom te beoordelen", "Why to review"),
    "review_intro": ("Mogelijke overtredingen waarbij de koppeling aan de leerling te zwak is om te melden (alleen "
                     "initialen, een naamgenoot die ook ouder of medewerker is, of twee leerlingen die passen). "
                     "Ze tellen niet mee; beoordeel of het om deze leerling gaat.",
                     "Possible violations whose link to the pupil is too weak to report (initials only, a namesake "
                     "who is also a parent or staff member, or two pupils who fit). They do not count; check whether "
                     "it is this pupil."),
    "nothing_to_review": ("Niets te beoordelen.", "Nothing to review."),
    "review_line": ("{n} mogelijke overtreding(en) met een te zwakke koppeling aan een leerling (niet meegeteld; "
                    "zie 'Te beoordelen' in het rapport).",
                    "{n} possible violation(s) with too weak a link to a pupil (not counted; see 'To review' in the "
                    "report)."),
    "message": ("Melding", "Message"),
    "legal": ("Wettelijke grondslag", "Legal basis"),
    "action": ("Aanbevolen actie", "Recommended action"),
    "status": ("Status", "Status"),
    "change": ("Verandering", "Change"),
    "first_seen": ("Eerst gezien", "First seen"),
    "reason": ("Reden", "Reason"),
    "owner": ("Eigenaar", "Owner"),
    "expires": ("Geldig tot", "Expires"),
    "role": ("Rol", "Role"),
    "party": ("Partij", "Party"),
    "kind": ("Soort", "Kind"),
    "entity_type": ("Soort gegeven", "Data type"),
    "score": ("Score", "Score"),
    "recognizer": ("Herkenner", "Recognizer"),
    "legal_basis": ("Grondslag", "Legal basis"),
    "pupils": ("Leerlingen", "Pupils"),
    "places": ("Plekken", "Places"),
    "rules": ("Regels", "Rules"),
    "highest": ("Hoogste ernst", "Highest severity"),
    "setting": ("Instelling", "Setting"),
    "value": ("Waarde", "Value"),
    "audit": ("Audit", "Audit"),
    "date": ("Datum", "Date"),
    "open": ("Open", "Open"),
    "total": ("Totaal", "Total"),
    # settings and statistics
    "as_of": ("Peildatum", "Reference date"),
    "generated": ("Gemaakt op", "Generated"),
    "version": ("Versie avgscan", "avgscan version"),
    "items": ("Items", "Items"),
    "findings": ("Vondsten", "Findings"),
    "raw_values": ("Ruwe waarden in rapport", "Raw values in report"),
    "triage_file": ("Triagebestand", "Triage file"),
    "state_file": ("Historiebestand", "History store"),
    "language": ("Taal", "Language"),
    "open_violations": ("Open overtredingen", "Open violations"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    # statuses and values
    "scanned": ("gescand", "scanned"),
    "unreadable": ("onleesbaar", "unreadable"),
    "skipped": ("overgeslagen", "skipped"),
    "status_open": ("open", "open"),
    "status_accepted": ("geaccepteerd", "accepted"),
    "status_acceptance-expired": ("acceptatie verlopen", "acceptance expired"),
    "status_false-positive": ("vals-positief", "false positive"),
    "change_new": ("nieuw", "new"),
    "change_persisting": ("blijvend", "persisting"),
    "sev_hoog": ("hoog", "high"),
    "sev_middel": ("middel", "medium"),
    "sev_laag": ("laag", "low"),
    # console
    "run_line": ("peildatum {as_of}: {items} items ({scanned} gescand, {unreadable} onleesbaar, {skipped} "
                 "overgeslagen), {findings} vondsten, {violations} overtredingen in {seconds} s.",
                 "reference date {as_of}: {items} items ({scanned} scanned, {unreadable} unreadable, {skipped} "
                 "skipped), {findings} findings, {violations} violations in {seconds} s."),
    "top": ("Belangrijkste overtredingen (bewijs gemaskeerd):", "Main violations (evidence masked):"),
    "not_run": ("Niet uitgevoerd", "Not run"),
    "record": ("Registratie", "Records"),
    "report_at": ("Rapport", "Report"),
    "history_line": ("Sinds de vorige audit ({when}): {new} nieuw, {persisting} blijvend, {resolved} opgelost.",
                     "Since the previous audit ({when}): {new} new, {persisting} persisting, {resolved} resolved."),
    "decision_handled": ("afgehandeld ({by}, {at}): {action} — nog gevonden", "handled ({by}, {at}): {action} — "
                         "still found"),
    "decision_assigned": ("toegewezen aan {to}", "assigned to {to}"),
    "decision_due": (", uiterlijk {due}", ", due {due}"),
    "workspace_line": ("Besluiten uit de werkplek (avgscan serve) voor {n} overtreding(en); afgehandeld maar nog "
                       "gevonden: {still}.", "Decisions from the workspace (avgscan serve) for {n} violation(s); "
                       "handled but still found: {still}."),
    "triage_line": ("Triage: {accepted} geaccepteerd, {expired} acceptatie verlopen, {fp} vals-positief; "
                    "{open} overtredingen vragen actie.",
                    "Triage: {accepted} accepted, {expired} acceptance expired, {fp} false positive; "
                    "{open} violations need action."),
    "unmatched_line": ("Triage-ID's die bij geen overtreding in deze scan horen (opgelost, of verkeerd "
                       "overgenomen?): {ids}",
                       "Triage IDs that match no violation in this scan (resolved, or mistyped?): {ids}"),
    "more_in_report": ("… en nog {n}; zie Verloop in het rapport.", "… and {n} more; see History in the report."),
    "history_counts": ("{items} items, {unreadable} onleesbaar, {violations} overtredingen ({open} open)",
                       "{items} items, {unreadable} unreadable, {violations} violations ({open} open)"),
    "register_hint_label": ("Register?", "Register?"),
    "register_hint": ("tabel {table} in bron {source} lijkt het leerlingenregister of de administratie zelf ({rows} "
                      "rijen met alleen een BSN-melding, geen bijzondere gegevens). Is dat zo, zet dan in een "
                      "configuratie (avgscan init) bij die bron `register_tables: [{table}]` of `roles: {{{table}: "
                      "{role}}}`; een BSN is daar toegestaan.",
                      "table {table} in source {source} looks like the pupil register or the administration itself "
                      "({rows} rows with only a BSN violation, no special-category data). If so, put "
                      "`register_tables: [{table}]` or `roles: {{{table}: {role}}}` for that source in a "
                      "configuration (avgscan init); a BSN is allowed there."),
    "register_hint_no_role": ("tabel {table} in bron {source} lijkt het leerlingenregister zelf ({rows} rijen met "
                              "alleen een BSN-melding, geen bijzondere gegevens). Is dat zo, zet dan in een "
                              "configuratie (avgscan init) bij die bron `register_tables: [{table}]`; een BSN is "
                              "daar toegestaan.",
                              "table {table} in source {source} looks like the pupil register itself ({rows} rows "
                              "with only a BSN violation, no special-category data). If so, put `register_tables: "
                              "[{table}]` for that source in a configuration (avgscan init); a BSN is allowed "
                              "there."),
    "raw_warning": ("Let op: de rapporten bevatten ruwe persoonsgegevens (--show-values).",
                    "Warning: the reports hold raw personal data (--show-values)."),
}


def t(key: str, lang: str = "nl", **fmt: object) -> str:
    """The label `key` in `lang`; an unknown key is a bug, so it raises rather than showing the key."""
    nl, en = _LABELS[key]
    text = en if lang == "en" else nl
    return text.format(**fmt) if fmt else text


def value_label(prefix: str, value: str | None, lang: str) -> str:
    """A status, change or severity in the report's language; unknown values pass through."""
    if not value:
        return ""
    key = f"{prefix}_{value}"
    return t(key, lang) if key in _LABELS else value


__all__ = ["LANGS", "t", "value_label"]
