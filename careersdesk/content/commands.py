"""The careers library's commands for careersdesk-admin:

    content check [--source DIR] [--facts FILE]
    content build [--source DIR] [--facts FILE] [--out FILE]
    content derive-facts --sources DIR [--out DIR]
    jobs search QUERY [--limit N] [--json] [--library FILE]

Each handler returns the exit code. A mistake the user can fix is one line on stderr and a
non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from careersdesk.errors import CareersDeskError
from careersdesk.resources import resource_path

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_FAILED = 2

Handler = Callable[[argparse.Namespace], int]


def _reporting_errors(handler: Handler) -> Handler:
    """Turn the errors a user can act on into one line on stderr and a non-zero exit."""

    @wraps(handler)
    def run(args: argparse.Namespace) -> int:
        try:
            return handler(args)
        except CareersDeskError as error:
            _say_error(str(error).splitlines()[0])
        except (OSError, ValueError, sqlite3.Error) as error:
            _say_error(str(error) or type(error).__name__)
        return EXIT_FAILED

    return run


def _say_error(message: str) -> None:
    print(f"careersdesk-admin: {message}", file=sys.stderr)


def _source_dir(args: argparse.Namespace) -> Path:
    source = Path(args.source) if args.source else resource_path("content")
    if not source.is_dir():
        raise CareersDeskError(f"There is no content source folder at {source}.")
    return source


def _facts_path(args: argparse.Namespace, source: Path) -> Path:
    return Path(args.facts) if args.facts else source / "facts" / "soc_facts.json"


@_reporting_errors
def run_content_check(args: argparse.Namespace) -> int:
    from careersdesk.content.check import review_content

    source = _source_dir(args)
    review = review_content(source, _facts_path(args, source))
    counts = review.counts()
    problems, notes = review.problems, review.notes
    if args.only:
        # An editor checking the profiles they have just written: the whole library is still
        # read (duplicates and links need it), but only what concerns these files is shown.
        wanted = {f"jobs/{slug.removesuffix('.toml')}.toml" for slug in args.only}
        problems = [problem for problem in problems if problem.file in wanted]
        notes = [note for note in notes if note.split(":", 1)[0] in wanted]
    for problem in problems:
        print(problem)
    for note in notes:  # shown with problems too: an editor fixes both in one pass
        print(f"note: {note}")
    if problems:
        files = len({problem.file for problem in problems})
        print(f"{len(problems)} problem(s) in {files} file(s); "
              f"{counts['job profiles']} job profiles checked.")
        return EXIT_PROBLEMS
    print(", ".join(f"{count} {what}" for what, count in counts.items()) + ": no problems"
          + (f" ({len(notes)} note(s))." if notes else "."))
    return EXIT_OK


@_reporting_errors
def run_content_build(args: argparse.Namespace) -> int:
    from careersdesk.content.build import ContentError, build_content

    source = _source_dir(args)
    out = Path(args.out) if args.out else resource_path("content.db")
    try:
        report = build_content(source, _facts_path(args, source), out)
    except ContentError as error:
        for problem in error.problems:
            print(problem)
        _say_error(f"{len(error.problems)} problem(s) in the sources, so nothing was built; "
                   "fix them (see 'content check') and build again.")
        return EXIT_PROBLEMS
    print(f"Built {report.profiles} job profiles into {report.path} "
          f"({report.index_titles} ONS coding-index titles added; source {report.source_hash[:12]}).")
    return EXIT_OK


@_reporting_errors
def run_content_derive_facts(args: argparse.Namespace) -> int:
    # Imported here: the facts pipeline needs spreadsheet readers the app itself does not.
    try:
        from careersdesk.content.derive_facts import derive_facts
    except ImportError as error:
        raise CareersDeskError(f"The facts pipeline cannot run here: {error}.") from error
    sources = Path(args.sources)
    if not sources.is_dir():
        raise CareersDeskError(f"There is no sources folder at {sources}.")
    out = Path(args.out) if args.out else resource_path("content", "facts")
    report = derive_facts(sources, out)
    print(report if report is not None else f"Derived facts written to {out}.")
    return EXIT_OK


def default_sources() -> Path | None:
    """The public data folder beside a source checkout (../shared/data/sources), if there."""
    candidate = Path(__file__).resolve().parents[3] / "shared" / "data" / "sources"
    return candidate if candidate.is_dir() else None


@_reporting_errors
def run_content_report(args: argparse.Namespace) -> int:
    from careersdesk.content.library import CareersLibrary
    from careersdesk.content.report import coverage_report

    sources = Path(args.sources) if args.sources else default_sources()
    if sources is not None and not sources.is_dir():
        raise CareersDeskError(f"There is no sources folder at {sources}.")
    with CareersLibrary(Path(args.library) if args.library else None) as library:
        report = coverage_report(library, sources)
    if args.json:
        print(json.dumps({**report.figures(), "per_category": report.per_category,
                          "ncs_missing": report.ncs_missing}, ensure_ascii=False, indent=2))
    else:
        print(report.as_text())
    return EXIT_OK


@_reporting_errors
def run_jobs_search(args: argparse.Namespace) -> int:
    from careersdesk.content.library import CareersLibrary

    if args.limit < 1:
        raise CareersDeskError("--limit must be at least 1.")
    with CareersLibrary(Path(args.library) if args.library else None) as library:
        results = library.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps([{"id": r.slug, "title": r.title, "score": r.score} for r in results],
                         ensure_ascii=False, indent=2))
    elif not results:
        print("No jobs match.")
    else:
        width = max(len(result.slug) for result in results)
        title_width = max(len(result.title) for result in results)
        for result in results:
            print(f"{result.slug:<{width}}  {result.title:<{title_width}}  {result.score:.1f}")
    return EXIT_OK


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `content …` and `jobs …` to careersdesk-admin's command parsers."""
    content = subparsers.add_parser("content", help="check and build the careers library")
    content_commands = content.add_subparsers(dest="content_command", metavar="COMMAND",
                                              required=True)
    check = content_commands.add_parser(
        "check", help="check the source files and list every problem",
        description="Exit status 1 when there are problems; notes alone do not fail.")
    check.add_argument("--source", metavar="DIR",
                       help="the content source folder (default: the bundled resources/content)")
    check.add_argument("--facts", metavar="FILE",
                       help="the derived facts (default: DIR/facts/soc_facts.json)")
    check.add_argument("--only", nargs="+", metavar="SLUG",
                       help="show only the problems and notes for these job profiles")
    check.set_defaults(handler=run_content_check)

    build = content_commands.add_parser("build", help="build content.db from the source files")
    build.add_argument("--source", metavar="DIR",
                       help="the content source folder (default: the bundled resources/content)")
    build.add_argument("--facts", metavar="FILE",
                       help="the derived facts (default: DIR/facts/soc_facts.json)")
    build.add_argument("--out", metavar="FILE",
                       help="where to write the library (default: resources/content.db)")
    build.set_defaults(handler=run_content_build)

    derive = content_commands.add_parser(
        "derive-facts", help="derive pay, hours and interest facts from the public sources")
    derive.add_argument("--sources", required=True, metavar="DIR",
                        help="the folder of public data files (data/sources)")
    derive.add_argument("--out", metavar="DIR",
                        help="where to write soc_facts.json (default: resources/content/facts)")
    derive.set_defaults(handler=run_content_derive_facts)

    report = content_commands.add_parser(
        "report", help="coverage (categories, SOC groups, routes, NCS titles) and readability")
    report.add_argument("--library", metavar="FILE",
                        help="the built library to report on (default: resources/content.db)")
    report.add_argument("--sources", metavar="DIR",
                        help="the public data folder, for the National Careers Service titles "
                             "(default: ../shared/data/sources beside this checkout)")
    report.add_argument("--json", action="store_true", help="figures as JSON")
    report.set_defaults(handler=run_content_report)

    jobs = subparsers.add_parser("jobs", help="search the careers library")
    jobs_commands = jobs.add_subparsers(dest="jobs_command", metavar="COMMAND", required=True)
    search = jobs_commands.add_parser("search", help="ranked search, exactly as the app does it")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=10, metavar="N",
                        help="how many results (default 10)")
    search.add_argument("--json", action="store_true",
                        help="print a JSON list of {id, title, score}")
    search.add_argument("--library", metavar="FILE",
                        help="search this content.db (default: the bundled one)")
    search.set_defaults(handler=run_jobs_search)
