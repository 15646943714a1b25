"""Judge each pupil against a rule set: met, on track, at risk or missed, with the reason.

Everything is computed from the records (encounters, interviews, year group, admission date)
on a given day, so the same records always give the same answer and nothing is stored that
could go stale.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import operator
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from careersdesk.encounters import EncounterDetails, academic_year_of

RULESETS = Path(__file__).with_name("rulesets")
DEFAULT_RULESET = "gatsby-2025"
JOINING_GRACE_DAYS = 31


class Status(StrEnum):
    MET = "met"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    MISSED = "missed"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True)
class Match:
    audiences: frozenset[str] = frozenset()
    provider_types: frozenset[str] = frozenset()
    meaningful: bool = False
    provider_access: bool = False
    interviews: bool = False
    distinct_provider_types: bool = False
    distinct_years: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    first_year: int
    last_year: int
    closes: str  # "end" or "feb"
    needed: int
    match: Match
    thing: str


@dataclass(frozen=True)
class RuleSet:
    version: str
    title: str
    at_risk_days: int
    rules: tuple[Rule, ...]

    @cached_property
    def encounter_matches(self) -> tuple[Match, ...]:
        """Each different thing the rules count among encounters, once (interviews apart)."""
        return tuple({id(rule.match): rule.match for rule in self.rules
                      if not rule.match.interviews}.values())


@dataclass(frozen=True)
class PupilFacts:
    """What the engine needs to know about one pupil."""

    pupil_id: int
    year_group: int
    admission_date: dt.date | None
    encounters: Sequence[EncounterDetails] = ()  # any order: track_pupil sorts them by date
    interview_dates: Sequence[dt.date] = ()


@dataclass(frozen=True)
class RuleResult:
    rule_id: str
    title: str
    status: Status
    reason: str
    count: int
    needed: int
    window_start: dt.date
    closes_on: dt.date
    judged_from: dt.date | None = None  # set when the pupil joined part-way through


@dataclass(frozen=True)
class PupilTracking:
    pupil_id: int
    ruleset: str
    on: dt.date
    results: tuple[RuleResult, ...] = field(default_factory=tuple)

    def result(self, rule_id: str) -> RuleResult:
        return next(r for r in self.results if r.rule_id == rule_id)


def _rule_from_data(data: dict[str, Any], first: int, last: int, rule_id: str, title: str) -> Rule:
    match = data.get("match", {})
    return Rule(
        id=rule_id, title=title, first_year=first, last_year=last, closes=data["closes"],
        needed=int(data["needed"]), thing=data["thing"],
        match=Match(audiences=frozenset(match.get("audiences", ())),
                    provider_types=frozenset(match.get("provider_types", ())),
                    meaningful=bool(match.get("meaningful", False)),
                    provider_access=bool(match.get("provider_access", False)),
                    interviews=bool(match.get("interviews", False)),
                    distinct_provider_types=bool(match.get("distinct_provider_types", False)),
                    distinct_years=bool(match.get("distinct_years", False))))


def parse_ruleset(text: str) -> RuleSet:
    raw = tomllib.loads(text)
    rules: list[Rule] = []
    for data in raw["rule"]:
        if "each_year" in data:  # one rule per school year, e.g. Benchmark 5
            first, last = data["each_year"]
            for year in range(first, last + 2):  # Year 14 too, for pupils who stay on
                rules.append(_rule_from_data(data, year, year, f"{data['id']}-Y{year}",
                                             f"{data['title']} (Year {year})"))
        else:
            first, last = data["years"]
            rules.append(_rule_from_data(data, first, last, data["id"], data["title"]))
    # Rules that count the same things share one Match object (Benchmark 5 has one rule per
    # year), so tracking a pupil filters their encounters once per kind of thing, not per rule.
    shared: dict[Match, Match] = {}
    rules = [replace(rule, match=shared.setdefault(rule.match, rule.match)) for rule in rules]
    return RuleSet(version=raw["version"], title=raw["title"],
                   at_risk_days=int(raw.get("at_risk_days", 120)), rules=tuple(rules))


@cache
def load_ruleset(version: str = DEFAULT_RULESET) -> RuleSet:
    return parse_ruleset((RULESETS / f"{version}.toml").read_text(encoding="utf-8"))


@cache
def _last_day_of_february(year: int) -> dt.date:
    return dt.date(year, 2, calendar.monthrange(year, 2)[1])


def window_for(rule: Rule, year_group: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a pupil now in ``year_group`` has for this rule: first day, closing day."""
    this_year = academic_year_of(on)
    start_year = this_year + (rule.first_year - year_group)
    end_year = this_year + (rule.last_year - year_group)
    start = dt.date(start_year, 9, 1)
    closes = _last_day_of_february(end_year + 1) if rule.closes == "feb" else dt.date(end_year + 1, 8, 31)
    return start, closes


_BY_DATE = operator.attrgetter("date")  # an encounter's date, as a sort key


def _decide(details: EncounterDetails, match: Match) -> bool:
    if match.audiences and details.kind_info.audience not in match.audiences:
        return False
    if match.provider_types and not (details.provider_types & match.provider_types):
        return False
    if match.meaningful and not details.meaningful:
        return False
    return not (match.provider_access and not details.provider_access)


_WINDOWS: dict[tuple[int, int, str, int, dt.date], tuple[dt.date, dt.date]] = {}


def _window(rule: Rule, year_group: int, on: dt.date) -> tuple[dt.date, dt.date]:
    """window_for, remembered: a whole school shares a handful of year groups and one day."""
    key = (rule.first_year, rule.last_year, rule.closes, year_group, on)
    found = _WINDOWS.get(key)
    if found is None:
        if len(_WINDOWS) > 10_000:
            _WINDOWS.clear()
        found = _WINDOWS[key] = window_for(rule, year_group, on)
    return found


@cache
def _long_date(day: dt.date) -> str:
    return f"{day:%d %B %Y}"


# A pupil's encounters that count for one Match, with their dates beside them for bisection.
Counted = tuple[list[EncounterDetails], list[dt.date]]


def _count_all(encounters: Sequence[EncounterDetails],
               matches: tuple[Match, ...]) -> dict[int, Counted]:
    """For each Match (keyed by its identity), the encounters it counts, in one pass.

    A group event's details are shared by every attendee, so which Matches each one counts
    for is decided once per event and remembered on the details, keyed by the tuple's
    identity (rule sets are loaded once and kept). This runs for every pupil of a trust.
    """
    key = id(matches)
    kept: list[list[EncounterDetails]] = [[] for _ in matches]
    for details in encounters:
        cache = details.match_cache
        counts_for = cache.get(key)
        if counts_for is None:
            counts_for = cache[key] = tuple(
                number for number, match in enumerate(matches) if _decide(details, match))
        for number in counts_for:
            kept[number].append(details)
    return {id(match): (found, [e.date for e in found]) for match, found in zip(
        matches, kept, strict=True)}


def evaluate_rule(rule: Rule, facts: PupilFacts, on: dt.date, at_risk_days: int,
                  counted: dict[int, Counted] | None = None) -> RuleResult:
    """One rule for one pupil.  ``counted`` keeps, across the rules of one pupil, the
    encounters each Match counts, so rules sharing a Match filter them once."""
    start, closes = _window(rule, facts.year_group, on)
    judged_from = None
    # Starting in the first weeks of the window (the first days of September) is not joining late.
    if facts.admission_date and facts.admission_date > start + dt.timedelta(days=JOINING_GRACE_DAYS):
        if facts.admission_date > closes:
            return RuleResult(rule.id, rule.title, Status.NOT_APPLICABLE,
                              f"Joined the school on {facts.admission_date:%d/%m/%Y}, after this "
                              "closed.", 0, rule.needed, start, closes, facts.admission_date)
        judged_from = facts.admission_date
    last_counted = min(closes, on)
    first_counted = judged_from or start  # what happened before a pupil joined is not ours
    if rule.match.interviews:
        dates = [d for d in facts.interview_dates if first_counted <= d <= last_counted]
        count = len(dates)
    else:
        # Encounters are sorted by date, so the window is a slice found by bisection.
        if counted is not None and id(rule.match) in counted:
            kept, dates = counted[id(rule.match)]
        else:  # one rule on its own: nothing to share, so nothing remembered
            kept = [e for e in facts.encounters if _decide(e, rule.match)]
            dates = [e.date for e in kept]
        matching = kept[bisect.bisect_left(dates, first_counted):
                        bisect.bisect_right(dates, last_counted)]
        if rule.match.distinct_provider_types:
            count = len({p for e in matching for p in e.provider_types})
        elif rule.match.distinct_years:
            count = len({academic_year_of(e.date) for e in matching})
        else:
            count = len(matching)
    needed = rule.needed
    if rule.match.distinct_years and judged_from is not None:
        # A pupil who joined in Year 10 can only have four of the seven years with us.
        needed = max(1, academic_year_of(closes) - academic_year_of(judged_from) + 1)
    things = f"{rule.thing}{'s' if needed != 1 else ''}"
    so_far = f"{count} of {needed} {things}"
    joined = (f" Judged from {judged_from:%d/%m/%Y}, when the pupil joined."
              if judged_from else "")
    if count >= needed:
        done = so_far if count == needed else f"{count} {rule.thing}s ({needed} needed)"
        return RuleResult(rule.id, rule.title, Status.MET, f"{done}.{joined}", count, needed,
                          start, closes, judged_from)
    if on > closes:
        return RuleResult(rule.id, rule.title, Status.MISSED,
                          f"Only {so_far} by {_long_date(closes)}, when it closed.{joined}",
                          count, needed, start, closes, judged_from)
    if on < start:
        return RuleResult(rule.id, rule.title, Status.ON_TRACK,
                          f"Starts on {_long_date(start)}.{joined}", count, needed, start, closes,
                          judged_from)
    days_left = (closes - on).days
    status = Status.AT_RISK if days_left <= at_risk_days else Status.ON_TRACK
    return RuleResult(rule.id, rule.title, status,
                      f"{so_far} so far; {days_left} days left before {_long_date(closes)}.{joined}",
                      count, needed, start, closes, judged_from)


def track_pupil(facts: PupilFacts, on: dt.date, ruleset: RuleSet | None = None) -> PupilTracking:
    ruleset = ruleset or load_ruleset()
    # Sorted here, for every caller, rather than checked here and sorted by each caller: on
    # an already sorted list this is one quick pass in C.
    facts = replace(facts, encounters=sorted(facts.encounters, key=_BY_DATE))
    results = []
    counted = _count_all(facts.encounters, ruleset.encounter_matches)
    for rule in ruleset.rules:
        if rule.first_year == rule.last_year and rule.first_year == 14 and facts.year_group < 14:
            continue  # the Year 14 rule only exists for pupils who stay on
        results.append(evaluate_rule(rule, facts, on, ruleset.at_risk_days, counted))
    return PupilTracking(facts.pupil_id, ruleset.version, on, tuple(results))


def track_many(all_facts: Iterable[PupilFacts], on: dt.date,
               ruleset: RuleSet | None = None) -> list[PupilTracking]:
    ruleset = ruleset or load_ruleset()
    return [track_pupil(facts, on, ruleset) for facts in all_facts]
