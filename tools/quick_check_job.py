"""Quick structural check of job profile files while they are being written.

The full check is `careersdesk-admin content check`; this script is a stop-gap for writers
and needs nothing but the standard library.  Usage: python tools/quick_check_job.py FILE...
"""

import csv
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = set(re.findall(r"[a-z-]+", (ROOT / "resources/content/FORMAT.md").read_text().split("## Category slugs (25)")[1].split("##")[0]))
SUBJECTS = set(re.findall(r"[a-z-]+", (ROOT / "resources/content/FORMAT.md").read_text().split("## Subject slugs")[1].split("##")[0]))
ROUTES = {"university", "college", "t-level", "apprenticeship", "work", "volunteering", "direct-application", "other"}
PLANNED = {row["slug"] for row in csv.DictReader(open(ROOT / "docs/content/tranche-1.csv"))}
SOC = {row["soc2020"] for row in csv.DictReader(open(ROOT.parent / "shared/data/sources/soc2020_unit_groups.csv"))}


def words(text: str) -> int:
    return len(text.split())


def check(path: Path) -> list[str]:
    problems: list[str] = []
    try:
        job = tomllib.loads(path.read_text(encoding="utf-8"))
    except Exception as exc:  # report, do not crash
        return [f"not valid TOML: {exc}"]
    need = ["title", "alternative_titles", "soc2020", "categories", "stem", "summary", "tasks",
            "working_environment", "subjects", "skills", "interest_code", "related", "easy_read", "source", "routes"]
    for field in need:
        if field not in job:
            problems.append(f"missing {field}")
    if problems:
        return problems
    if job["soc2020"] not in SOC:
        problems.append(f"soc2020 {job['soc2020']} is not a SOC 2020 unit group")
    if not 1 <= len(job["categories"]) <= 3 or set(job["categories"]) - CATEGORIES:
        problems.append(f"categories {job['categories']}")
    if not 60 <= words(job["summary"]) <= 120:
        problems.append(f"summary has {words(job['summary'])} words (60-120)")
    if not 5 <= len(job["tasks"]) <= 8:
        problems.append(f"{len(job['tasks'])} tasks (5-8)")
    for task in job["tasks"]:
        if not 4 <= words(task) <= 25:
            problems.append(f"task length: {task!r}")
    if not 15 <= words(job["working_environment"]) <= 80:
        problems.append("working_environment length (15-80 words)")
    if set(job["subjects"]) - SUBJECTS or not 1 <= len(job["subjects"]) <= 6:
        problems.append(f"subjects {job['subjects']}")
    if not 4 <= len(job["skills"]) <= 8:
        problems.append("skills 4-8")
    if not re.fullmatch(r"[RIASEC]{1,3}", job["interest_code"]) or len(set(job["interest_code"])) != len(job["interest_code"]):
        problems.append(f"interest_code {job['interest_code']}")
    if not 3 <= len(job["related"]) <= 6:
        problems.append("related 3-6")
    for slug in job["related"]:
        if slug not in PLANNED:
            problems.append(f"related {slug} is not a planned profile")
    if not 40 <= words(job["easy_read"]) <= 80:
        problems.append(f"easy_read has {words(job['easy_read'])} words (40-80)")
    for sentence in re.split(r"(?<=[.!?])\s+", job["easy_read"].strip()):
        if words(sentence) > 15:
            problems.append(f"easy_read sentence over 15 words: {sentence!r}")
    if not job["routes"]:
        problems.append("no routes")
    for route in job["routes"]:
        if route.get("route") not in ROUTES:
            problems.append(f"route kind {route.get('route')}")
        if not 5 <= words(route.get("requirements", "")) <= 60:
            problems.append(f"route requirements length: {route.get('requirements')!r}")
        if route.get("route") == "apprenticeship" and "level" not in route:
            problems.append("apprenticeship route without level")
    if path.stem != re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-"):
        problems.append("bad slug")
    return problems


if __name__ == "__main__":
    bad = 0
    for name in sys.argv[1:]:
        for problem in check(Path(name)):
            bad += 1
            print(f"{name}: {problem}")
    print(f"{len(sys.argv) - 1} files, {bad} problems")
    sys.exit(1 if bad else 0)
