"""Command line: `python -m sff_core COMMAND`.

Commands: init-db, seed-demo, create-workspace, validate-content, export, import, report, housekeeping.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from sff_core.config import LANGUAGES, database_url
from sff_core.errors import ContentError, InputError


def _init_db(_args: argparse.Namespace) -> int:
    from sff_core.store.db import make_engine, migrate

    engine = make_engine(database_url())
    migrate(engine)  # always, also where the app itself may not (SFF_MIGRATE_AT_START=0)
    engine.dispose()
    print(f"Databasen är uppdaterad: {database_url()}")
    return 0


def _seed_demo(_args: argparse.Namespace) -> int:
    from sff_core.demo import DEMO_PASSPHRASE, seed_demo
    from sff_core.store.db import get_engine

    created = seed_demo(get_engine())
    if created is None:
        print("Demoarbetsytan Exempelstad finns redan.")
    else:
        print(f"Demoarbetsytan Exempelstad är skapad. Lösenfras: {DEMO_PASSPHRASE}")
    return 0


def _create_workspace(args: argparse.Namespace) -> int:
    from sff_core.store.db import get_engine
    from sff_core.workspaces import create_workspace

    passphrase = args.passphrase or getpass.getpass("Lösenfras för processledaren: ")
    workspace = create_workspace(
        get_engine(),
        args.city,
        args.municipality or args.city,
        date.fromisoformat(args.start),
        date.fromisoformat(args.end),
        passphrase,
        language=args.language,
    )
    print(f"Arbetsytan {workspace.city} är skapad (id {workspace.id}).")
    if workspace.period_outside_recommendation:
        print(f"Obs: perioden är {workspace.period_months:.0f} månader; handboken rekommenderar 12–18 månader.")
    return 0


def _validate_content(_args: argparse.Namespace) -> int:
    from sff_core.config import DATA_DIR, content_dir
    from sff_core.content import load_content
    from sff_core.yaml_files import check_yaml_files

    content = load_content()
    files = check_yaml_files(content_dir(), DATA_DIR)  # every file, also those read only later (a key written twice)
    sections = sum(len(s.sections) for s in content.steps)
    print(f"Innehållet är giltigt: {len(content.steps)} steg, {sections} avsnitt, {files} YAML-filer utan dubbla nycklar.")
    return 0


def _export(args: argparse.Namespace) -> int:
    from sff_core.backup import cli_export

    if not args.workspace or not args.out:
        raise InputError("backup_usage", usage="python -m sff_core export --workspace SLUG --out FILE.zip")
    return cli_export(args.workspace, args.out)


def _import(args: argparse.Namespace) -> int:
    from sff_core.backup import cli_import

    if not args.file or (args.as_new is not None and args.replace is not None):
        raise InputError("backup_usage", usage="python -m sff_core import FILE.zip [--as-new | --replace SLUG [--confirm-other-city]]")
    return cli_import(args.file, args.as_new, args.replace, other_city=args.confirm_other_city)


REPORT_USAGE = (
    "python -m sff_core report --workspace SLUG --format docx|pdf|html|xlsx [--step N] [--date ÅÅÅÅ-MM-DD] [--shared] [--privacy]"
    " --out FILE"
)


def _report(args: argparse.Namespace) -> int:
    from sff_core.outputs.report_render import cli_report

    if not args.workspace or not args.out or args.format not in ("docx", "pdf", "html", "xlsx"):
        raise InputError("backup_usage", usage=REPORT_USAGE)
    if args.privacy:  # the register of personal data (Personuppgifter), not a report of the work
        from sff_core.privacy.register import cli_privacy_report

        return cli_privacy_report(args.workspace, args.format, args.out)
    session_date = date.fromisoformat(args.date) if args.date else None
    step = int(args.step) if args.step is not None else None
    return cli_report(args.workspace, args.format, args.out, step, session_date, args.shared)


def _housekeeping(args: argparse.Namespace) -> int:
    """Every workspace's retention rules (advertiser references, live names): for a daily cron job."""
    from sff_core.privacy.housekeeping import run_all
    from sff_core.store.db import get_engine

    today = date.fromisoformat(args.today) if args.today else None
    results = run_all(get_engine(), today)
    for result in results:
        print(
            f"Arbetsyta {result.workspace_id}: {result.references_purged} annonsreferenser rensade, "
            f"{result.names_pseudonymised} namn ersatta med pseudonym ({result.activities} aktiviteter)."
        )
    print(f"Städningen är klar för {len(results)} arbetsytor.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sff_core", description="Stad för stad")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help="skapa/uppgradera databasen").set_defaults(run=_init_db)
    commands.add_parser("seed-demo", help="skapa demoarbetsytan Exempelstad").set_defaults(run=_seed_demo)
    commands.add_parser("validate-content", help="kontrollera innehållsfilerna").set_defaults(run=_validate_content)
    create = commands.add_parser("create-workspace", help="skapa en arbetsyta")
    create.add_argument("--city", required=True)
    create.add_argument("--municipality")
    create.add_argument("--start", required=True, help="ÅÅÅÅ-MM-DD")
    create.add_argument("--end", required=True, help="ÅÅÅÅ-MM-DD")
    create.add_argument("--language", default="sv", choices=list(LANGUAGES))
    create.add_argument("--passphrase", help="utelämna för att skriva den dolt")
    create.set_defaults(run=_create_workspace)
    export = commands.add_parser("export", help="säkerhetskopiera en arbetsyta till en zip-fil")
    export.add_argument("--workspace", metavar="SLUG", help="arbetsytans kortnamn")
    export.add_argument("--out", metavar="FILE.zip")
    export.set_defaults(run=_export)
    restore = commands.add_parser("import", help="återställ en säkerhetskopia (som ny arbetsyta, eller i stället för en)")
    restore.add_argument("file", metavar="FILE.zip", nargs="?")
    restore.add_argument("--as-new", nargs="?", const="", metavar="SLUG", help="som ny arbetsyta (standard); valfritt kortnamn")
    restore.add_argument("--replace", metavar="SLUG", help="ersätt arbetsytan med det kortnamnet")
    restore.add_argument(
        "--confirm-other-city", action="store_true", help="bekräfta att arbetsytan ersätts med en annan stads säkerhetskopia"
    )
    restore.set_defaults(run=_import)
    made = commands.add_parser("report", help="minnesanteckningar (--date), stegrapport (--step) eller processrapport som fil")
    made.add_argument("--workspace", metavar="SLUG")
    made.add_argument("--format", metavar="docx|pdf|html|xlsx")
    made.add_argument("--step", metavar="N")
    made.add_argument("--date", metavar="ÅÅÅÅ-MM-DD", help="minnesanteckningar från arbetspasset den dagen")
    made.add_argument("--shared", action="store_true", help="för delning utanför kärngruppen")
    made.add_argument("--privacy", action="store_true", help="registret över personuppgifter (Personuppgifter)")
    made.add_argument("--out", metavar="FILE")
    made.set_defaults(run=_report)
    housekeeping = commands.add_parser("housekeeping", help="daglig städning: gamla annonsreferenser och namn från liveaktiviteter")
    housekeeping.add_argument("--today", metavar="ÅÅÅÅ-MM-DD", help="kör som om det vore den dagen (test)")
    housekeeping.set_defaults(run=_housekeeping)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except (InputError, ContentError) as error:
        print(f"Fel: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"Fel: ogiltigt värde ({error}). Datum skrivs ÅÅÅÅ-MM-DD.", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
