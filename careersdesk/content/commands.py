"""careersdesk-admin content … and jobs search …"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from careersdesk.errors import CareersDeskError
from careersdesk.resources import resource_path


def _source(args: argparse.Namespace) -> Path:
    return Path(args.source) if args.source else resource_path("content")


def _facts(source: Path) -> Path:
    return source / "facts" / "soc_facts.json"


def cmd_check(args: argparse.Namespace) -> int:
    from careersdesk.content.check import check_content

    source = _source(args)
    result = check_content(source, _facts(source))
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"{len(result.problems)} problem(s) in {len(result.source.jobs)} job profiles.")
        return 1
    for note in result.notes:
        print(f"note: {note}")
    print(f"{len(result.source.jobs)} job profiles, {len(result.source.categories)} categories: "
          "no problems.")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from careersdesk.content.build import build_content

    source = _source(args)
    out = Path(args.out) if args.out else resource_path("content.db")
    report = build_content(source, _facts(source), out)
    print(f"Built {report.profiles} job profiles into {report.path}.")
    return 0


def cmd_derive_facts(args: argparse.Namespace) -> int:
    try:
        from careersdesk.content.derive_facts import derive_facts
    except ImportError as exc:
        raise CareersDeskError("This version has no facts pipeline yet; the derived facts "
                               "in resources/content/facts are used as they are.") from exc

    out = Path(args.out) if args.out else resource_path("content", "facts")
    report: Any = derive_facts(Path(args.sources), out)
    print(report)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from careersdesk.content.library import CareersLibrary

    library = CareersLibrary()
    results = library.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([{"id": r.slug, "title": r.title, "score": r.score} for r in results],
                         indent=2))
    else:
        for result in results:
            print(f"{result.slug:<36} {result.title:<40} {result.score:8.1f}")
    return 0


def add_commands(commands: Any) -> None:
    content = commands.add_parser("content", help="check and build the careers library")
    content_commands = content.add_subparsers(dest="content_command", metavar="COMMAND",
                                              required=True)
    check = content_commands.add_parser("check", help="validate the source files")
    check.add_argument("--source", help="folder of source files (default: the bundled ones)")
    check.set_defaults(handler=cmd_check)
    build = content_commands.add_parser("build", help="build content.db from the source files")
    build.add_argument("--source")
    build.add_argument("--out", help="where to write (default: resources/content.db)")
    build.set_defaults(handler=cmd_build)
    derive = content_commands.add_parser("derive-facts",
                                         help="derive pay, hours and interest facts from sources")
    derive.add_argument("--sources", required=True, help="the public data files")
    derive.add_argument("--out")
    derive.set_defaults(handler=cmd_derive_facts)

    jobs = commands.add_parser("jobs", help="search the careers library")
    jobs_commands = jobs.add_subparsers(dest="jobs_command", metavar="COMMAND", required=True)
    search = jobs_commands.add_parser("search", help="ranked search, as the app does it")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)
