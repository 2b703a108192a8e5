"""Command line: ``python -m directory init | import | export | validate | stats``.

Every command takes ``--database-url`` (default: ``settings.load().database_url``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from directory.db import default_url, session_scope
from directory.errors import DirectoryError


def cmd_init(args) -> int:
    from directory.bootstrap import initialise

    result = initialise(args.database_url, load_sample=not args.no_sample)
    schema = "schema upgraded" if result["migrated"] else "schema up to date"
    loaded = f"loaded {result['loaded']} sample services" if result["loaded"] else "no data loaded"
    updated = f"; updated the service areas of {result['updated']} sample services" if result.get("updated") else ""
    print(f"directory: {schema}; {loaded}{updated}.")
    return 0


def cmd_import(args) -> int:
    from directory.bootstrap import initialise
    from directory.importers import import_csv, import_oruk

    initialise(args.database_url, load_sample=False)
    fmt = args.format
    if fmt == "auto":
        fmt = "csv" if args.source.lower().endswith(".csv") else "oruk"
    with session_scope(args.database_url) as session:
        importer = import_csv if fmt == "csv" else import_oruk
        report = importer(session, args.source, council=args.council)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"Imported {report.services} services from {args.source}.")
    return 0


def cmd_export(args) -> int:
    from directory.importers import csv_rows, export_csv
    from directory.oruk import export_services

    with session_scope(args.database_url) as session:
        if args.format == "csv":
            text = export_csv(csv_rows(session))
        else:
            text = json.dumps(export_services(session), indent=2, ensure_ascii=False) + "\n"
    if args.output and args.output != "-":
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Wrote {args.output}.", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_validate(args) -> int:
    from directory.importers import read_json_source
    from directory.oruk import export_services
    from directory.schemas import record_errors

    if args.source:
        records = [record for record, _ in read_json_source(args.source)]
    else:
        with session_scope(args.database_url) as session:
            records = export_services(session)
    problems = 0
    for record in records:
        for error in record_errors("service", record):
            problems += 1
            print(f"{record.get('id', '?')} {record.get('name', '')}: {error}")
    print(f"Checked {len(records)} services against the ORUK 3.0 service schema: {problems} problem(s).")
    return 1 if problems else 0


def cmd_stats(args) -> int:
    from directory.models import Service

    with session_scope(args.database_url) as session:
        rows = session.execute(select(Service.council, Service.category, Service.is_sample)).all()
    by_council = Counter(council for council, _, _ in rows)
    samples = Counter(council for council, _, sample in rows if sample)
    by_category = Counter(category or "(none)" for _, category, _ in rows)
    print(f"{len(rows)} services")
    print("\nCouncil                          services  sample")
    for council, count in sorted(by_council.items()):
        print(f"{council:<32} {count:>8}  {samples[council]:>6}")
    print("\nCategory (main)                  services")
    for category, count in sorted(by_category.items()):
        print(f"{category:<32} {count:>8}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m directory", description="Signpost service directory")
    parser.add_argument("--database-url", default=None, help="SQLAlchemy URL (default: from settings)")
    commands = parser.add_subparsers(dest="command", required=True)
    init = commands.add_parser("init", help="create or upgrade the schema; load sample data if empty")
    init.add_argument("--no-sample", action="store_true", help="do not load the sample directory")
    init.set_defaults(func=cmd_init)
    imp = commands.add_parser("import", help="import an ORUK 3.0 JSON feed (file or URL) or the CSV template")
    imp.add_argument("source", help="file path or http(s) URL")
    imp.add_argument("--format", choices=["auto", "oruk", "csv"], default="auto")
    imp.add_argument("--council", default=None, help="council slug the services are for")
    imp.set_defaults(func=cmd_import)
    exp = commands.add_parser("export", help="export every service as ORUK 3.0 JSON (or CSV)")
    exp.add_argument("--format", choices=["oruk", "csv"], default="oruk")
    exp.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    exp.set_defaults(func=cmd_export)
    val = commands.add_parser("validate", help="check the directory (or an ORUK file) against the ORUK schema")
    val.add_argument("source", nargs="?", default=None, help="ORUK JSON file or URL (default: the database)")
    val.set_defaults(func=cmd_validate)
    stats = commands.add_parser("stats", help="count services by council and category")
    stats.set_defaults(func=cmd_stats)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.database_url = args.database_url or default_url()
    try:
        return args.func(args)
    except DirectoryError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
