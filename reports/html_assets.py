"""The dashboard's inline stylesheet and script. Inline because report.html must open offline, as one file;
the page's Content-Security-Policy forbids loading anything else."""

from __future__ import annotations

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")

CSS = """
:root { --ink:#1a202c; --muted:#4a5568; --line:#e2e8f0; --bg:#f7fafc; --accent:#2b6cb0; --red:#9b2c2c; }
* { box-sizing: border-box; }
body { margin:0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--ink);
       background:var(--bg); }
header { background:#1f3a5f; color:#fff; padding:18px 28px 12px; }
header h1 { margin:0 0 4px; font-size:22px; }
header .meta { color:#cbd5e0; font-size:13px; }
nav { background:#fff; border-bottom:1px solid var(--line); padding:8px 28px; position:sticky; top:0; z-index:2; }
nav a { color:var(--accent); margin-right:16px; text-decoration:none; font-weight:600; font-size:13px; }
main { padding:18px 28px 40px; max-width:1500px; }
section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin:0 0 18px; }
h2 { margin:0 0 10px; font-size:18px; }
h3 { margin:16px 0 6px; font-size:15px; }
.breach { border:2px solid var(--red); background:#fff5f5; }
.breach h2 { color:var(--red); }
.ok { border-left:6px solid #2f855a; }
.guidance { font-weight:600; }
.cards { display:flex; flex-wrap:wrap; gap:12px; background:none; border:none; padding:0; }
.card { background:#fff; border:1px solid var(--line); border-radius:8px; padding:12px 16px; min-width:150px; }
.card .n { font-size:26px; font-weight:700; }
.card .l { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.03em; }
.card.alert .n { color:var(--red); }
.charts { display:flex; flex-wrap:wrap; gap:18px; }
.charts figure { margin:0; flex:1 1 460px; }
.charts figcaption { font-weight:600; margin-bottom:6px; }
.chart { max-width:100%; height:auto; }
.controls { display:flex; flex-wrap:wrap; gap:10px; align-items:center; margin-bottom:10px; }
.controls input, .controls select { padding:6px 8px; border:1px solid #a0aec0; border-radius:4px; font:inherit; }
.controls input { min-width:280px; }
.table-wrap { overflow-x:auto; }
table { border-collapse:collapse; width:100%; font-size:13px; }
th, td { text-align:left; vertical-align:top; padding:5px 8px; border-bottom:1px solid var(--line); }
th { background:#edf2f7; position:sticky; top:0; }
tr[hidden] { display:none; }
td.id { font-family: ui-monospace, Menlo, Consolas, monospace; user-select:all; white-space:nowrap; }
td.path { word-break:break-all; min-width:200px; }
.sev { border-radius:10px; padding:1px 8px; font-size:12px; font-weight:600; white-space:nowrap; }
.sev-hoog { background:#fed7d7; color:#822727; }
.sev-middel { background:#feebc8; color:#7b341e; }
.sev-laag { background:#e2e8f0; color:#2d3748; }
.st { font-size:12px; white-space:nowrap; }
.st-accepted { color:#2f855a; } .st-acceptance-expired { color:#c05621; font-weight:600; }
.st-false-positive { color:#718096; }
.muted { color:var(--muted); }
.small { font-size:12px; }
details summary { cursor:pointer; color:var(--accent); font-weight:600; margin:8px 0; }
footer { color:var(--muted); font-size:12px; padding:0 28px 24px; }
/* Paper for the board: landscape, no navigation or filters, tables wrap instead of being cut off, headers
   repeat on every page, and a long section may break between rows (never inside one). */
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { background:#fff; font-size:10px; }
  header { background:none; color:#000; padding:0 0 6px; } header .meta { color:#333; }
  nav, .controls, footer, #grafieken, #per-leerling, #instellingen, details { display:none; }
  main { padding:0; max-width:none; }
  section { border:1px solid #999; padding:6px 8px; margin:0 0 8px; break-inside:auto; }
  .breach, .gap { border:2px solid #9b2c2c; -webkit-print-color-adjust:exact; print-color-adjust:exact; }
  #datalek, #niet-gelezen, #begin-hier, #kerncijfers { break-inside:avoid; }
  .table-wrap { overflow:visible; }
  table { font-size:8.5px; table-layout:auto; }
  thead { display:table-header-group; } tr { break-inside:avoid; }
  th { position:static; }
  td.path, td { word-break:break-word; overflow-wrap:anywhere; }
  td.id { white-space:normal; }
  .card { padding:4px 8px; min-width:0; } .card .n { font-size:16px; }
}
"""

JS = """
(function () {
  'use strict';
  var table = document.getElementById('violations');
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var text = document.getElementById('filter');
  var rule = document.getElementById('rule-filter');
  var status = document.getElementById('status-filter');
  var shown = document.getElementById('shown-count');
  function apply() {
    var q = text.value.trim().toLowerCase();
    var r = rule.value;
    var s = status.value;
    var n = 0;
    rows.forEach(function (tr) {
      var ok = (!q || tr.textContent.toLowerCase().indexOf(q) !== -1) &&
               (!r || tr.getAttribute('data-rule') === r) &&
               (!s || tr.getAttribute('data-status') === s);
      tr.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = String(n);
  }
  text.addEventListener('input', apply);
  rule.addEventListener('change', apply);
  status.addEventListener('change', apply);
  apply();
})();
"""
