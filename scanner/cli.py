"""The `avgscan` command: scan, demo, init, rules, ... Every command that scans calls scanner.audit.audit(),
and every error meant for the user (an AvgscanError) is told once, in main()."""

from __future__ import annotations

import argparse
import logging
import sys
import warnings
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from config import CONFIG_DIR
from scanner.kernel.errors import EXIT_CANNOT_START, EXIT_INCOMPLETE, EXIT_OK, EXIT_VIOLATIONS

if TYPE_CHECKING:
    from scanner.config import ScanConfig
    from scanner.kernel.model import Report

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells expect after Ctrl-C


def _date(text: str) -> date:
    """The register accepts dd-mm-jjjj as well as jjjj-mm-dd; so does --as-of."""
    from scanner.kernel.dates import parse_date
    from scanner.kernel.messages import say

    day = parse_date(text)
    if day is None:
        raise argparse.ArgumentTypeError(say(f"{text!r} is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)",
                                             f"{text!r} is not a date (YYYY-MM-DD or DD-MM-YYYY)"))
    return day


def _quiet() -> None:
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    for name in ("presidio-analyzer", "presidio_analyzer"):
        logging.getLogger(name).setLevel(logging.ERROR)


def cmd_scan(args: argparse.Namespace) -> int:
    from reports.summary import print_summary
    from scanner.audit import audit, starting
    from scanner.config import load_config, quick_config
    from scanner.kernel.messages import say

    with starting():
        if args.config:
            cfg = load_config(args.config)
        elif args.targets:
            cfg = quick_config(args.targets)
        else:
            print("avgscan scan: " + say("geef --config avgscan.yaml op, of een map, bestand of database-URL",
                                         "give --config avgscan.yaml, or a folder, file or database URL"),
                  file=sys.stderr)
            return EXIT_CANNOT_START
    warn_config_in_sources(cfg, args.config)
    from reports.priority import one_report

    with one_report():  # the summary reads what the writers worked out (priorities, the violations in order)
        done = audit(cfg, Path(args.out), triage=args.triage, as_of=args.as_of, show_values=args.show_values,
                     lang=args.lang, progress=False if args.quiet else None, verbose=args.verbose,
                     command=["avgscan", *args.argv], workers=args.workers, executor=args.executor,
                     scheduler=args.scheduler, full=args.full, resume=args.resume,
                     origin=args.config or "command line")
        if args.resume:
            print(say("Voortgezet: de vorige scan in deze map was afgebroken; afgeronde items zijn hergebruikt.",
                      "Resumed: the previous scan in this folder was interrupted; finished items were reused.")
                  if done.report.statistics["resumed_interrupted_scan"] else
                  say("Geen afgebroken scan gevonden; ongewijzigde items zijn hergebruikt.",
                      "No interrupted scan found; unchanged items were reused."))
        print_summary(done.report, done.paths, brief=args.quiet)
    return done.exit_code


def warn_config_in_sources(cfg: ScanConfig, config_path: str | None) -> None:
    """A config file inside a scanned folder is read by the scan too, and anyone who can write
    there can change what is scanned and where the reports go: warn about it."""
    from scanner.audit import source_roots

    if not config_path:
        return
    config = Path(config_path).resolve()
    for root in source_roots(cfg):
        real = Path(root).resolve()
        if real in config.parents:
            print(f"avgscan: let op: het configuratiebestand {config} ligt in de gescande map {root}; wie daar "
                  "mag schrijven, kan bepalen wat er gescand wordt. Bewaar het buiten de bronnen.", file=sys.stderr)


def _interrupted(args: argparse.Namespace, done: int) -> int:
    import shlex

    from scanner.kernel.messages import say

    again = [a for a in getattr(args, "argv", []) if a not in ("--full", "--resume")]
    print(say(f"\nScan afgebroken. {done} items waren klaar en zijn bewaard in {args.out}; er is geen nieuw "
              "rapport geschreven.\nGa verder waar de scan stopte met:",
              f"\nScan interrupted. {done} items were done and are kept in {args.out}; no new report was "
              "written.\nContinue where the scan stopped with:") + f"\n  avgscan {shlex.join(again)} --resume",
          file=sys.stderr)
    return EXIT_INTERRUPTED


def _pupil_numbers(args: argparse.Namespace) -> list[str]:
    from scanner.kernel.errors import AvgscanError
    from scanner.kernel.messages import os_reason

    numbers = list(args.pupil or [])
    if args.list:
        try:
            text = Path(args.list).read_text(encoding="utf-8")
        except OSError as err:
            raise AvgscanError(f"{args.list}: {os_reason(err)}") from None
        numbers += [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return numbers


def _per_pupil(args: argparse.Namespace, write: Callable[[object, object], str], stem: str, label: str
               ) -> tuple[Report, list[object]]:
    """Scan once (the pupils must be in the register to know their names and numbers), then write one
    statement per pupil."""
    from reports.pupil_statement import write_statement
    from reports.terminal import printable
    from scanner.audit import CannotStart, ReportsNotWritten, audit, source_roots, starting
    from scanner.config import check_sqlite_files, load_config
    from scanner.inventory import inventory
    from scanner.kernel.errors import AvgscanError
    from scanner.kernel.messages import os_reason
    from scanner.outdir import claim_output
    from scanner.records.loading import load_records

    def printable_lines(text: str) -> str:
        return "\n".join(printable(line) for line in text.split("\n"))

    with starting():
        cfg = load_config(args.config)
        check_sqlite_files(cfg, args.config)  # before the records are read: no empty database is created
        try:
            folder = claim_output(Path(args.out), source_roots(cfg))
        except OSError as err:
            raise CannotStart(f"{args.out}: {os_reason(err)}") from None
    with folder:
        with starting():
            records = load_records(cfg)
            known = {p.leerlingnummer for p in records.pupils or []}
            numbers = _pupil_numbers(args)
            if not numbers:
                raise AvgscanError("geef --pupil LEERLINGNUMMER of --list BESTAND op")
            missing = [n for n in numbers if n not in known]
            if missing:
                raise AvgscanError(f"leerling(en) {', '.join(missing)} staan niet in het register; gebruik een "
                                   "registerexport van vóór de verwijdering, zodat naam en nummers bekend zijn")
        report = audit(cfg, None, as_of=args.as_of, records=records, progress=False, origin=args.config).report
        inventories = []
        for nummer in numbers:
            inv = inventory(report, report.subjects, nummer)
            text = write(inv, report)
            try:
                paths = write_statement(inv, text, Path(args.out), stem)
            except OSError as err:
                raise ReportsNotWritten(Path(args.out), err) from None
            print(printable_lines(text))
            print(f"{label}: {printable_lines(str(paths[0]))}")
            inventories.append(inv)
        return report, inventories


def cmd_verify_deletion(args: argparse.Namespace) -> int:
    """Exit 0 only when every pupil is provably absent: nothing found and nothing unreadable."""
    from reports.pupil_statement import deletion_statement

    _, inventories = _per_pupil(args, deletion_statement, "verklaring-verwijdering", "Verklaring")
    if any(inv.places for inv in inventories):  # type: ignore[attr-defined]
        return EXIT_VIOLATIONS
    return EXIT_INCOMPLETE if any(inv.unreadable for inv in inventories) else EXIT_OK  # type: ignore[attr-defined]


def cmd_inventory(args: argparse.Namespace) -> int:
    from reports.pupil_statement import inventory_statement

    report, _ = _per_pupil(args, inventory_statement, "inzage", "Overzicht")
    return EXIT_INCOMPLETE if report.statistics["unreadable"] else EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """The demo school is built, then scanned like any school (scanner.audit); the exit code is 0 (the
    planted violations are the point)."""
    from reports.summary import print_summary
    from scanner.audit import audit, starting
    from scanner.config import load_config
    from scanner.demo import build_demo_school

    root = Path(args.dir)
    out = Path(args.out) if args.out else root / "rapport"
    cfg_path = build_demo_school(root, style=getattr(args, "style", "flevo"))
    print(f"Demoschool aangemaakt in {root}")
    with starting():
        cfg = load_config(cfg_path)
    done = audit(cfg, out, triage=args.triage, lang=args.lang, progress=False if args.quiet else None,
                 verbose=args.verbose, command=["avgscan", *args.argv], origin=str(cfg_path))
    print_summary(done.report, done.paths, brief=args.quiet)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from reports.history import print_history

    return EXIT_OK if print_history(Path(args.out), args.lang) else EXIT_CANNOT_START


def _output_options(p: argparse.ArgumentParser) -> None:
    loud = p.add_mutually_exclusive_group()
    loud.add_argument("--quiet", "-q", action="store_true",
                      help="geen voortgang en een korte samenvatting (meldingen over onleesbare bronnen en "
                      "datalekken blijven)")
    loud.add_argument("--verbose", "-v", action="store_true",
                      help="toon ook elke bron en elk onleesbaar item tijdens de scan (staat ook in avgscan.log)")


def _review_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal van de rapporten (standaard nl)")
    p.add_argument("--triage", metavar="FILE",
                   help="triagebestand (YAML) van de FG: geaccepteerde risico's en vals-positieven, per ID")


def cmd_init(args: argparse.Namespace) -> int:
    from scanner.kernel.messages import say

    target = Path(args.path)
    if target.exists() and not args.force:
        print("avgscan init: " + say(f"{target} bestaat al (gebruik --force om te overschrijven)",
                                     f"{target} already exists (use --force to overwrite)"), file=sys.stderr)
        return EXIT_CANNOT_START
    example = "example.avgscan.en.yaml" if args.lang == "en" else "example.avgscan.yaml"
    target.write_text((CONFIG_DIR / example).read_text(encoding="utf-8"), encoding="utf-8")
    print(say(f"Voorbeeldconfiguratie geschreven naar {target}", f"Example configuration written to {target}"))
    return EXIT_OK


def cmd_purge(args: argparse.Namespace) -> int:
    """Deleting reports and history cannot be undone: show what goes, and ask (or demand --yes off a terminal)."""
    from scanner.purge import purge

    plan = purge(Path(args.out), args.older_than, dry_run=True)
    for p in plan.files:
        print(f"{'Zou verwijderen' if args.dry_run else 'Te verwijderen'}: {p}")
    counts = (f"{len(plan.files)} rapportbestanden, {plan.audits} audits en {plan.cache_entries} cache-items "
              f"ouder dan {args.older_than} dagen")
    if args.dry_run:
        print(f"Proefdraai: {counts} in {args.out}; er is niets verwijderd.")
        return EXIT_OK
    if not (plan.files or plan.audits or plan.cache_entries):
        print(f"Niets ouder dan {args.older_than} dagen in {args.out}.")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print("avgscan purge: bevestig met --yes (bekijk eerst met --dry-run wat er verdwijnt)",
                  file=sys.stderr)
            return EXIT_CANNOT_START
        if input(f"{counts} verwijderen uit {args.out}? Dit is niet terug te draaien. [j/N] ").strip().lower() \
                not in ("j", "ja", "y", "yes"):
            print("Niets verwijderd.")
            return EXIT_OK
    done = purge(Path(args.out), args.older_than)
    for p in done.files:
        print(f"Verwijderd: {p}")
    print(f"{len(done.files)} rapportbestanden, {done.audits} audits en {done.cache_entries} cache-items "
          f"ouder dan {args.older_than} dagen verwijderd uit {args.out} (ook van de schijf: de historie is "
          "opnieuw geschreven).")
    return EXIT_OK


def _new_password(args: argparse.Namespace) -> str | None:
    """From stdin (one line, for scripts) or asked twice on the terminal; None when the two differ."""
    import getpass

    from scanner.kernel.messages import say

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(say(f"Wachtwoord voor {args.add_user}: ", f"Password for {args.add_user}: "))
    again = getpass.getpass(say("Nogmaals: ", "Again: "))
    return first if first == again else None


def cmd_serve(args: argparse.Namespace) -> int:
    """The FG's workspace over an output folder, or (with --add-user) a local account for it."""
    import signal

    from reports.workspace.audit import AuditCache, AuditError
    from reports.workspace.server import ServeError, Server, tls_context
    from reports.workspace.users import UserError, add_user, user_names
    from scanner.kernel.messages import say
    from scanner.state import StateError

    out = Path(args.out)
    try:
        from reports.workspace.app import create_app, open_store

        store = open_store(out)
    except StateError as err:
        print(f"avgscan serve: {err}", file=sys.stderr)
        return EXIT_CANNOT_START
    with store:
        if args.add_user:
            password = _new_password(args)
            if password is None:
                print("avgscan serve: " + say("de wachtwoorden verschillen; er is niets opgeslagen",
                                              "the passwords differ; nothing was saved"), file=sys.stderr)
                return EXIT_CANNOT_START
            try:
                new = add_user(store, args.add_user, password)
            except UserError as err:
                print(f"avgscan serve: {err}", file=sys.stderr)
                return EXIT_CANNOT_START
            print(say(f"Gebruiker {args.add_user} aangemaakt" if new else f"Nieuw wachtwoord voor {args.add_user}",
                      f"User {args.add_user} created" if new else f"New password for {args.add_user}")
                  + f" ({out})")
            return EXIT_OK
        try:
            tls = tls_context(args.host, args.cert, args.key)
            if not user_names(store):
                raise ServeError(say(f"er is nog geen gebruiker; maak er een met: avgscan serve --out {out} "
                                     "--add-user NAAM", f"there is no user yet; create one with: avgscan serve "
                                     f"--out {out} --add-user NAME"))
            AuditCache(out.resolve()).load()
            app = create_app(out, tls=tls is not None, idle_minutes=args.idle_minutes, store=store)
            server = Server(app, args.host, args.port, tls)
        except (ServeError, AuditError) as err:
            print(f"avgscan serve: {err}", file=sys.stderr)
            return EXIT_CANNOT_START
        except OSError as err:
            print("avgscan serve: " + say(f"kan niet luisteren op {args.host}:{args.port} ({err.strerror or err})",
                                          f"cannot listen on {args.host}:{args.port} ({err.strerror or err})"),
                  file=sys.stderr)
            return EXIT_CANNOT_START
        print(say(f"Werkplek van de FG: {server.url}  (stoppen met Ctrl-C)",
                  f"The FG's workspace: {server.url}  (stop with Ctrl-C)"), flush=True)
        signal.signal(signal.SIGTERM, _stop_serving)  # a service manager stops it cleanly too
        try:
            server.run()  # returns after Ctrl-C or SIGTERM: waitress stops on KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        finally:
            server.close()
        print(say("Werkplek gestopt.", "Workspace stopped."), flush=True)
    return EXIT_OK


def _stop_serving(*_args: object) -> None:
    raise KeyboardInterrupt


def cmd_doctor(args: argparse.Namespace) -> int:
    from scanner.doctor import checks, report

    ok = report()
    return EXIT_CANNOT_START if not ok else (EXIT_OK if all(c.ok for c in checks()) else EXIT_INCOMPLETE)


def cmd_rules(args: argparse.Namespace) -> int:
    """The rules as the FG's policy makes them: the texts name the policy's periods, ages and roles."""
    from scanner.config import build_policy, load_config
    from scanner.kernel.messages import say
    from scanner.rules import RULES

    policy = load_config(args.config).policy if args.config else build_policy()  # a ConfigError: told by main()
    for r in RULES:
        print(f"{r.code}  [{r.severity}]  {r.title.said()}\n    {r.explain(policy)}\n    "
              f"{say('Grondslag', 'Legal basis')}: {r.legal_reference}\n")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    from scanner import __version__

    p = argparse.ArgumentParser(prog="avgscan", description="AVG-scanner voor scholen: vindt leerlinggegevens "
                                "en toetst ze aan toestemmingen en bewaartermijnen.")
    p.add_argument("--version", action="version", version=f"avgscan {__version__}", help="toon de versie en stop")
    sub = p.add_subparsers(dest="command", required=True, metavar="OPDRACHT")
    s = sub.add_parser("scan", help="scan de bronnen uit de configuratie (of de opgegeven mappen/databases)")
    s.add_argument("targets", nargs="*", metavar="BRON",
                   help="map, bestand of SQLAlchemy-URL (snelle scan zonder configuratie)")
    s.add_argument("--config", "-c", metavar="BESTAND", help="avgscan.yaml")
    s.add_argument("--as-of", type=_date, metavar="DATUM",
                   help="peildatum JJJJ-MM-DD of DD-MM-JJJJ (standaard vandaag)")
    s.add_argument("--out", "-o", default="avgscan-out", metavar="MAP", help="map voor de rapporten")
    s.add_argument("--show-values", action="store_true",
                   help="zet ruwe waarden in report.json (alleen voor onderzoek; het rapport vermeldt dit)")
    s.add_argument("--workers", type=int, default=0, metavar="N",
                   help="aantal processen (standaard: alle processorkernen; 1 = zonder parallelisme)")
    s.add_argument("--full", action="store_true",
                   help="alles opnieuw lezen; standaard worden ongewijzigde items uit de vorige scan in --out "
                   "hergebruikt")
    s.add_argument("--resume", action="store_true",
                   help="een afgebroken scan in --out voortzetten (afgeronde items worden niet opnieuw gelezen)")
    s.add_argument("--executor", choices=["local", "dask"], default="local",
                   help="local: processen op deze machine; dask: een dask.distributed-cluster")
    s.add_argument("--scheduler", metavar="ADRES", help="adres van de dask-scheduler, bijv. tls://10.0.0.5:8786 "
                   "(zonder: een lokaal cluster)")
    _review_options(s)
    _output_options(s)
    s.set_defaults(func=cmd_scan)
    d = sub.add_parser("demo", help="maak een demoschool, scan die en toon de samenvatting")
    d.add_argument("--dir", default="demo-school", metavar="MAP", help="map voor de demoschool")
    d.add_argument("--out", metavar="MAP", help="map voor de rapporten (standaard DIR/rapport)")
    from scanner.demo.styles import STYLE_NAMES

    d.add_argument("--style", default="flevo", choices=STYLE_NAMES, metavar="STIJL",
                   help="huisstijl van de demoschool: " + ", ".join(STYLE_NAMES) + " (standaard flevo)")
    _review_options(d)
    _output_options(d)
    d.set_defaults(func=cmd_demo)
    i = sub.add_parser("init", help="schrijf een voorbeeldconfiguratie met uitleg")
    i.add_argument("path", nargs="?", default="avgscan.yaml", metavar="BESTAND",
                   help="waar de configuratie komt (standaard avgscan.yaml)")
    i.add_argument("--force", action="store_true", help="overschrijf een bestaand bestand")
    i.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal van de uitleg (standaard nl)")
    i.set_defaults(func=cmd_init)
    for name, func, helptext in (
            ("verify-deletion", cmd_verify_deletion, "controleer of de gegevens van een leerling overal weg zijn"),
            ("inventory", cmd_inventory, "overzicht van alle gegevens van een leerling (inzageverzoek)")):
        v = sub.add_parser(name, help=helptext)
        v.add_argument("--config", "-c", required=True, metavar="BESTAND", help="avgscan.yaml")
        v.add_argument("--pupil", "-p", action="append", metavar="LEERLINGNUMMER", help="leerlingnummer (herhaalbaar)")
        v.add_argument("--list", metavar="BESTAND", help="bestand met een leerlingnummer per regel")
        v.add_argument("--as-of", type=_date, metavar="DATUM", help="peildatum JJJJ-MM-DD of DD-MM-JJJJ")
        v.add_argument("--out", "-o", default="avgscan-out", metavar="MAP", help="map voor de verklaring")
        v.set_defaults(func=func)
    h = sub.add_parser("history", help="toon de eerdere audits in een uitvoermap")
    h.add_argument("--out", "-o", default="avgscan-out", metavar="MAP", help="de uitvoermap van de scans")
    h.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal (standaard nl)")
    h.set_defaults(func=cmd_history)
    pg = sub.add_parser("purge", help="verwijder oude rapporten, historie en cache uit een uitvoermap")
    pg.add_argument("--out", "-o", default="avgscan-out", metavar="MAP", help="de uitvoermap")
    pg.add_argument("--older-than", type=int, required=True, metavar="DAGEN", help="ouder dan zoveel dagen")
    pg.add_argument("--dry-run", action="store_true", help="laat alleen zien wat er verwijderd zou worden")
    pg.add_argument("--yes", "-y", action="store_true", help="niet om bevestiging vragen (voor scripts)")
    pg.set_defaults(func=cmd_purge)
    sv = sub.add_parser("serve", help="de werkplek van de FG: een lokale webapp om een audit af te werken")
    sv.add_argument("--out", "-o", default="avgscan-out", metavar="MAP", help="de uitvoermap van de scans")
    sv.add_argument("--host", default="127.0.0.1", metavar="ADRES",
                    help="luisteradres (standaard 127.0.0.1: alleen deze computer; een ander adres vereist --cert en "
                    "--key)")
    sv.add_argument("--port", type=int, default=8765, metavar="POORT", help="poort (standaard 8765)")
    sv.add_argument("--cert", metavar="BESTAND", help="TLS-certificaat (PEM)")
    sv.add_argument("--key", metavar="BESTAND", help="sleutel bij het TLS-certificaat (PEM)")
    sv.add_argument("--idle-minutes", type=int, default=30, metavar="MINUTEN",
                    help="een sessie verloopt na zoveel minuten zonder gebruik (standaard 30)")
    sv.add_argument("--add-user", metavar="NAAM", help="maak een gebruiker aan (of geef een nieuw wachtwoord) en stop")
    sv.add_argument("--password-stdin", action="store_true",
                    help="lees het wachtwoord van --add-user van standaardinvoer (voor scripts)")
    sv.set_defaults(func=cmd_serve)
    dr = sub.add_parser("doctor", help="controleer of deze computer alles heeft voor een volledige scan (OCR, .doc)")
    dr.set_defaults(func=cmd_doctor)
    r = sub.add_parser("rules", help="toon de regels met hun uitleg")
    r.add_argument("--config", "-c", metavar="BESTAND", help="avgscan.yaml: uitleg met het beleid van de school")
    r.add_argument("--lang", choices=["nl", "en"], default="nl", help="taal van de uitleg (standaard nl)")
    r.set_defaults(func=cmd_rules)
    return p


def _language(argv: list[str]) -> str:
    """--lang is read before parsing, so that argparse's own messages are in that language too."""
    for n, arg in enumerate(argv):
        if arg == "--lang" and n + 1 < len(argv):
            return argv[n + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return "nl"


def main(argv: list[str] | None = None) -> int:
    """The command line. Every error meant for the user is an AvgscanError, told here once (exit 2)."""
    from scanner.audit import ScanInterrupted
    from scanner.kernel.errors import AvgscanError
    from scanner.kernel.messages import dutch_argparse, say, set_language

    _quiet()
    argv = sys.argv[1:] if argv is None else argv
    set_language(_language(argv))
    dutch_argparse()
    args = parser().parse_args(argv)
    args.argv = argv
    try:
        return args.func(args)
    except AvgscanError as err:
        print(f"avgscan: {err}", file=sys.stderr)
        return EXIT_CANNOT_START
    except ScanInterrupted as stop:
        return _interrupted(args, stop.done)
    except KeyboardInterrupt:
        print(say("\nAfgebroken (Ctrl-C).", "\nInterrupted (Ctrl-C)."), file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
