"""`tutor bank check` and `tutor bank schema`: checking banks against their material."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tutor.cli.common import Groups, shown, shown_json


def register(groups: Groups) -> None:
    check = groups.action("bank", "check", check_banks, help="validate banks and lint them against their material")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="bank file or course folder")
    check.add_argument("--json", action="store_true", help="print one JSON object for scripts")
    groups.action("bank", "schema", print_schema, help="print the JSON Schema of bank files")


def check_banks(args: argparse.Namespace) -> int:
    from content.course import check_bank

    report = [(path, check_bank(path)) for path in args.paths]
    errors = sum(p.severity == "error" for _, ps in report for p in ps)
    warnings = sum(p.severity == "warning" for _, ps in report for p in ps)
    if args.json:
        print(shown_json({
            "errors": errors, "warnings": warnings,
            "files": [{"path": str(path), "problems": [p.to_dict() for p in ps]} for path, ps in report],
        }))
    else:
        for _, problems in report:
            for p in problems:
                print(shown(str(p)))
        status = "failed" if errors else "ok"
        print(f"{status}: {errors} error(s), {warnings} warning(s) in {len(args.paths)} bank(s)")
    return 1 if errors else 0


def print_schema(args: argparse.Namespace) -> int:
    from content.schema import bank_schema

    print(json.dumps(bank_schema(), indent=2))
    return 0
