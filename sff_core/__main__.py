"""Command line: `python -m sff_core init-db | seed-demo | create-workspace | validate-content`."""

from __future__ import annotations

import argparse
import getpass
import sys
from datetime import date

from sff_core.config import LANGUAGES, database_url
from sff_core.errors import ContentError, InputError


def _init_db(_args: argparse.Namespace) -> int:
    from sff_core.db import make_engine, migrate

    engine = make_engine(database_url())
    migrate(engine)  # always, also where the app itself may not (SFF_MIGRATE_AT_START=0)
    engine.dispose()
    print(f"Databasen är uppdaterad: {database_url()}")
    return 0


def _seed_demo(_args: argparse.Namespace) -> int:
    from sff_core.db import get_engine
    from sff_core.demo import DEMO_PASSPHRASE, seed_demo

    created = seed_demo(get_engine())
    if created is None:
        print("Demoarbetsytan Exempelstad finns redan.")
    else:
        print(f"Demoarbetsytan Exempelstad är skapad. Lösenfras: {DEMO_PASSPHRASE}")
    return 0


def _create_workspace(args: argparse.Namespace) -> int:
    from sff_core.db import get_engine
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
    from sff_core.content import load_content

    content = load_content()
    sections = sum(len(s.sections) for s in content.steps)
    print(f"Innehållet är giltigt: {len(content.steps)} steg, {sections} avsnitt.")
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
