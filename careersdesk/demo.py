"""A realistic, entirely fictional demo school.

The same seed always gives the same school, so a careers leader trying the app, a tester and
the benchmark all see the same pupils.  Names are drawn from the range a school in England
really has, including accents, apostrophes, hyphens and names written in other scripts, so that
every screen and every PDF is exercised by them.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from careersdesk.db import SchoolDatabase, open_school_database
from careersdesk.models import NewPupil, Role, SendStatus, Session
from careersdesk.services import Services, passwords
from careersdesk.services.keys import KeyService

DEMO_PIN = "1234"
DEMO_RECOVERY_KEY = "DEMOS-CHOOL-RECOV-ERYKE-YNOTF-ORREA-LUSEX-XXXXX"
DEMO_SCHOOL_NAME = "Riverside Community Academy (demo)"
DEMO_STAFF = (
    # username, password, name, role
    ("adviser", "demo-adviser", "Priya Sharma", Role.ADVISER),
    ("leader", "demo-leader", "Tom Whitfield", Role.CAREERS_LEADER),
    ("send", "demo-send", "Grace Okafor", Role.SEND),
    ("admin", "demo-admin", "Dylan Evans", Role.ADMIN),
)

# Local authority number and establishment number of the fictional school.  The LA number is a
# real one (UPN validation checks it); establishment 4999 is not a real secondary school.
DEMO_LA_NUMBER = "886"
DEMO_ESTABLISHMENT = "4999"

# (first names, last names) per naming tradition, with a rough weight for a mixed English town.
NAME_POOLS: list[tuple[float, tuple[str, ...], tuple[str, ...]]] = [
    (0.46,
     ("Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Mia", "Charlie", "Ivy",
      "Freddie", "Lily", "Alfie", "Florence", "Theo", "Evie", "Archie", "Poppy", "Leo", "Rosie",
      "Noah", "Grace", "Oscar", "Millie", "Jacob", "Sophie", "Thomas", "Ellie", "Jamie", "Chloe",
      "Riley", "Jessica", "Kai", "Harriet", "Alex", "Sam", "Morgan", "Eden"),
     ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson",
      "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
      "Jackson", "Clarke", "Hughes", "Turner", "Hill", "Cooper", "Ward", "Morris", "Harrison",
      "Baker-Hughes", "Ashworth", "Fairweather")),
    (0.06,
     ("Siobhán", "Niamh", "Ciarán", "Aoife", "Seán", "Caoimhe", "Dáithí", "Róisín", "Eoin"),
     ("O'Brien", "O'Connor", "McCarthy", "Ó Súilleabháin", "Byrne", "Doyle", "O'Neill", "Kavanagh")),
    (0.04,
     ("Rhys", "Carys", "Dafydd", "Seren", "Gethin", "Ffion", "Iolo", "Lowri"),
     ("ap Rhys", "Llywelyn", "Pritchard", "Vaughan", "Morgan", "Parry")),
    (0.13,
     ("Aarav", "Anaya", "Arjun", "Saanvi", "Rohan", "Priya", "Harpreet", "Simran", "Zain", "Aisha",
      "Muhammad", "Fatima", "Ibrahim", "Maryam", "Yusuf", "Hafsa", "Bilal", "Noor"),
     ("Patel", "Khan", "Singh", "Kaur", "Hussain", "Ahmed", "Begum", "Sharma", "Gill", "Chaudhry",
      "Rahman", "Mistry", "Iqbal")),
    (0.07,
     ("Chidi", "Adaeze", "Tobi", "Folake", "Kwame", "Ama", "Kofi", "Abena", "Tendai", "Zanele",
      "Hodan", "Abdi", "Ayaan", "Hamda"),
     ("Okafor", "Adeyemi", "Mensah", "Asante", "Okonkwo", "Mohamed", "Abdullahi", "Warsame",
      "Moyo", "Boateng")),
    (0.06,
     ("Zuzanna", "Jakub", "Wiktoria", "Mateusz", "Łucja", "Szymon", "Ioana", "Andrei", "Bianca",
      "Matei", "Rūta", "Jonas", "Dóra", "Bence"),
     ("Kowalski", "Wiśniewska", "Nowak", "Wójcik", "Popescu", "Ionescu", "Dumitrescu",
      "Kazlauskas", "Nagy", "Kovács")),
    (0.04,
     ("Zoë", "Chloé", "Noël", "Inès", "José", "Renée", "Mateo", "Lucía", "Tomás", "Aurélie",
      "Björn", "Søren", "Anaïs", "Joaquín"),
     ("Fernández", "García", "Müller", "Lefèvre", "Da Silva", "Gonçalves", "D'Souza", "Østergaard",
      "Núñez", "Brontë")),
    (0.04,
     ("Wei", "Mei", "Jun", "Xin", "Linh", "Minh", "Thảo", "Huy", "Yuki", "Haruto", "Ji-woo",
      "Min-jun"),
     ("Chen", "Wang", "Li", "Zhang", "Nguyễn", "Trần", "Phạm", "Tanaka", "Sato", "Kim", "Park")),
    (0.02,
     ("Nikos", "Eleni", "Yiannis", "Mehmet", "Elif", "Emre", "Zeynep", "Ayşe"),
     ("Papadopoulos", "Georgiou", "Yılmaz", "Öztürk", "Şahin", "Demir", "Çelik")),
]
# Pupils whose MIS record holds the name in its own script.  Kept separate so that a small,
# realistic share of pupils (about 2%) exercises non-Latin text everywhere.
NON_LATIN_NAMES: tuple[tuple[str, str], ...] = (
    ("Ελένη", "Παπαδοπούλου"), ("Дмитрий", "Иванов"), ("Олена", "Шевченко"),
    ("محمد", "العلي"), ("فاطمة", "حسن"), ("李", "娜"), ("王", "伟"), ("דוד", "כהן"),
    ("अनन्या", "शर्मा"), ("ਹਰਪ੍ਰੀਤ", "ਸਿੰਘ"), ("জান্নাত", "আহমেদ"), ("Ірина", "Коваль"),
)
PREFERRED_NAMES = {"Muhammad": "Mo", "Alexander": "Alex", "Thomas": "Tom", "Jessica": "Jess",
                   "Harriet": "Hattie", "Dáithí": "David", "Ibrahim": "Ibby", "Wiktoria": "Vicky"}

YEAR_GROUP_SHARE = {7: 0.16, 8: 0.16, 9: 0.16, 10: 0.16, 11: 0.16, 12: 0.10, 13: 0.10}
FORM_LETTERS = "RIVESD"  # Riverside: 6 forms a year in the main school


@dataclass(frozen=True)
class DemoSchoolSummary:
    path: Path
    pupils: int
    staff: int
    seed: int


def academic_year_start(today: dt.date) -> int:
    """The calendar year in which the current academic year (1 Sept to 31 Aug) began."""
    return today.year if today.month >= 9 else today.year - 1


def demo_pupils(count: int, seed: int, today: dt.date) -> list[NewPupil]:
    from stdnum.gb import upn as upn_number  # only needed when a demo school is built

    rng = random.Random(seed)
    start = academic_year_start(today)
    years = rng.choices(list(YEAR_GROUP_SHARE), weights=list(YEAR_GROUP_SHARE.values()), k=count)
    years.sort()
    pupils = []
    per_year: dict[int, int] = {}
    for serial, year in enumerate(years, start=1):
        index_in_year = per_year[year] = per_year.get(year, -1) + 1
        if rng.random() < 0.02:
            first, last = rng.choice(NON_LATIN_NAMES)
        else:
            _, firsts, lasts = rng.choices(NAME_POOLS, weights=[p[0] for p in NAME_POOLS])[0]
            first, last = rng.choice(firsts), rng.choice(lasts)
        preferred = PREFERRED_NAMES.get(first) if rng.random() < 0.6 else None
        # Born between 1 Sept and 31 Aug of the right school year.
        born_from = dt.date(start - year - 5, 9, 1)
        date_of_birth = born_from + dt.timedelta(days=rng.randrange(365))
        roll = rng.random()
        send = (SendStatus.EHC_PLAN if roll < 0.02
                else SendStatus.SUPPORT if roll < 0.15 else SendStatus.NONE)
        form = (f"{year}{rng.choice(FORM_LETTERS)}" if year <= 11
                else f"{year}{rng.choice('AB')}")
        # UPN: check letter, LA number, establishment, 2-digit year of entry, 3-digit serial.
        # A year group of more than 999 pupils borrows the next (fictional) establishment number.
        establishment = int(DEMO_ESTABLISHMENT) - index_in_year // 1000
        entry_year = (start - year + 7) % 100
        body = f"{DEMO_LA_NUMBER}{establishment:04d}{entry_year:02d}{index_in_year % 1000:03d}"
        upn = upn_number.calc_check_digit(body) + body
        # Most pupils joined in September of Year 7; some arrived later, many at sixth form.
        first_year = 7
        if year >= 12 and rng.random() < 0.3:
            first_year = 12
        elif year > 7 and rng.random() < 0.05:
            first_year = rng.randint(8, year)
        admission = dt.date(start - (year - first_year), 9, rng.randint(1, 8))
        if first_year > 7 and rng.random() < 0.4:  # arrived part-way through a school year
            admission = dt.date(start - (year - first_year) + 1, rng.choice((1, 2, 4)), 10)
        if admission > today:
            admission = dt.date(start, 9, 3)
        pupils.append(NewPupil(
            legal_first_name=first, legal_last_name=last, preferred_name=preferred,
            year_group=year, form=form, date_of_birth=date_of_birth,
            upn=upn, mis_id=f"{100000 + serial}",
            pupil_premium=rng.random() < 0.25, send_status=send,
            looked_after=rng.random() < 0.01, eal=rng.random() < 0.2,
            admission_date=admission,
        ))
    return pupils


def build_demo_school(path: str | Path, *, pupils: int = 1500, seed: int = 2026,
                      today: dt.date | None = None) -> DemoSchoolSummary:
    """Create a demo school database at ``path`` (which must not exist yet)."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target} already exists; the demo school is only built into a new file.")
    if not 1 <= pupils <= 50_000:
        raise ValueError("A demo school has between 1 and 50,000 pupils.")
    database = open_school_database(target)
    try:
        fill_demo_school(database, pupils=pupils, seed=seed, today=today or dt.date.today())
    finally:
        database.close()
    return DemoSchoolSummary(path=target, pupils=pupils, staff=len(DEMO_STAFF), seed=seed)


def fill_demo_school(database: SchoolDatabase, *, pupils: int, seed: int, today: dt.date) -> None:
    now = dt.datetime.combine(today, dt.time(15, 30), tzinfo=dt.UTC)
    services = Services(database, clock=lambda: now)
    services.school.write_settings_unchecked({"school_name": DEMO_SCHOOL_NAME, "is_demo": "1"})
    accounts = [services.staff.create_staff_unchecked(username, name, role, password)
                for username, password, name, role in DEMO_STAFF]
    # The demo school's data key, wrapped for every demo account and a published recovery key.
    keys = KeyService(database, services.clock)
    admin = next(a for a in accounts if a.role is Role.ADMIN)
    data_key, _ = keys.create_school_key(admin.id, "demo-admin", DEMO_RECOVERY_KEY)
    for account, (_, password, _, _) in zip(accounts, DEMO_STAFF, strict=True):
        keys.wrap_for_staff(account.id, data_key, password)
    # Every demo pupil has the PIN 1234: hash it once and share the hash.
    services.pupils.create_many_unchecked(demo_pupils(pupils, seed, today),
                                          shared_pin_hash=passwords.hash_secret(DEMO_PIN))
    leader = services.auth.sign_in_staff("leader", "demo-leader")
    add_encounter_history(services, leader, random.Random(seed + 1), today)
    add_guidance_history(database, random.Random(seed + 2), today)


# A school year of careers activity for one year group: (month, day, kind, title, options).
# Dates fall in term time; provider visits come before the 28 February provider-access deadline.
YEAR_PLAN: dict[int, list[tuple[int, int, str, str, dict[str, object]]]] = {
    7: [(11, 14, "employer_talk", "Year 7 'People who help us' employer talks", {}),
        (3, 12, "curriculum", "Year 7 maths in the workplace lesson", {})],
    8: [(10, 9, "employer_talk", "Year 8 STEM ambassadors' morning", {"stem": True}),
        (1, 22, "fe_college", "Year 8 visit to Riverside College", {"provider_access": True}),
        (6, 18, "enterprise", "Year 8 enterprise challenge", {})],
    9: [(11, 20, "careers_fair", "Year 9 careers fair", {"orgs": True}),
        (2, 5, "training_provider", "Year 9 apprenticeships assembly", {"provider_access": True}),
        (5, 14, "employer_talk", "Year 9 options evening employer panel", {})],
    10: [(10, 16, "sixth_form", "Year 10 sixth form taster", {"provider_access": True}),
         (1, 29, "training_provider", "Year 10 apprenticeship provider talk",
          {"provider_access": True}),
         (7, 7, "work_experience", "Year 10 work experience week", {"workplace": True})],
    11: [(10, 2, "university", "Year 11 university visit day", {}),
         (11, 27, "careers_fair", "Year 11 post-16 options fair", {"orgs": True}),
         (12, 11, "mentoring", "Year 11 employer mentoring", {})],
    12: [(10, 23, "university", "Year 12 university open day", {"provider_access": True}),
         (2, 12, "training_provider", "Year 12 degree apprenticeships talk",
          {"provider_access": True}),
         (6, 24, "work_shadowing", "Year 12 work shadowing", {"workplace": True}),
         (7, 2, "university", "Year 12 summer school taster", {})],
    13: [(9, 25, "employer_talk", "Year 13 graduate employers' talk", {}),
         (11, 6, "university", "Year 13 university admissions talk", {})],
}
# Every year group, every year: employer assemblies each term and careers in subject lessons.
EVERY_YEAR: list[tuple[int, int, str, str, dict[str, object]]] = [
    (10, 7, "employer_talk", "Autumn employer assembly", {}),
    (1, 14, "employer_talk", "Spring employer assembly", {}),
    (4, 22, "employer_talk", "Summer employer assembly", {}),
    (11, 4, "curriculum", "Careers in science lessons", {"stem": True}),
    (3, 4, "curriculum", "Careers in English lessons", {}),
    (6, 10, "curriculum", "Careers in geography lessons", {}),
    (2, 26, "enterprise", "Enterprise day", {}),
    (12, 2, "curriculum", "Careers in maths lessons", {"stem": True}),
    (5, 6, "curriculum", "Careers in art lessons", {}),
    (3, 10, "curriculum", "National Careers Week tutor sessions", {}),
    (11, 25, "employer_talk", "Employer question time", {}),
    (6, 3, "mentoring", "Employer mentoring drop-in", {}),
]
CAREER_IDEAS = ("Nurse", "Electrician", "Software developer", "Vet", "Primary school teacher",
                "Police officer", "Chef", "Mechanical engineer", "Hairdresser", "Accountant",
                "Paramedic", "Graphic designer", "Plumber", "Solicitor", "Physiotherapist")
ROUTE_IDEAS = ("A levels at the school sixth form", "a T Level at Riverside College",
               "an advanced apprenticeship", "a BTEC at college", "a degree apprenticeship")
ACTION_IDEAS = (("Look up three courses that lead to {career}", "pupil"),
                ("Go to the Riverside College open evening", "pupil"),
                ("Arrange a day's work shadowing with a {career}", "adviser"),
                ("Ask the maths department about extra revision sessions", "school"),
                ("Talk to a parent or carer about the options we discussed", "pupil"),
                ("Send an application for the summer placement", "pupil"),
                ("Book a follow-up meeting with the careers adviser", "adviser"))


def add_guidance_history(database: SchoolDatabase, rng: random.Random, today: dt.date) -> None:
    """Guidance interviews in Year 11 and Year 13 (earlier for some), each with agreed actions."""
    from careersdesk.services.guidance import ActionStatus, InterviewFields, NewAction

    moment = [dt.datetime.combine(today, dt.time(10), tzinfo=dt.UTC)]
    services = Services(database, clock=lambda: moment[0])
    adviser = services.auth.sign_in_staff("adviser", "demo-adviser")
    this_year = academic_year_start(today)
    pupils = services.pupils.list_pupils(adviser)
    for pupil in pupils:
        for interview_year, chance in ((10, 0.15), (11, 0.85), (12, 0.2), (13, 0.8)):
            years_ago = pupil.year_group - interview_year
            if years_ago < 0 or rng.random() > chance:
                continue
            start = dt.date(this_year - years_ago, 9, 1)
            day = start + dt.timedelta(days=rng.randrange(30, 300))
            if years_ago == 0 and day >= today:
                if rng.random() < 0.5:
                    continue
                day = start + dt.timedelta(days=rng.randrange(10, max(11, (today - start).days)))
            if day >= today or (pupil.admission_date and day < pupil.admission_date):
                continue
            moment[0] = dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)
            interview = services.guidance.start_interview(adviser, pupil.id)
            career = rng.choice(CAREER_IDEAS)
            route = rng.choice(ROUTE_IDEAS)
            services.guidance.save(adviser, interview.id, InterviewFields(
                current_situation=f"In Year {interview_year}, enjoying most subjects.",
                goals_short=f"Find out more about becoming a {career.lower()}.",
                goals_long=f"Work as a {career.lower()}, probably through {route}.",
                careers_considered=(career,),
                backup_plan=f"If {route} does not work out, look at a related course at college.",
                resources="National Careers Service helpline; Riverside College open evenings.",
                next_review=day + dt.timedelta(days=rng.choice((60, 90, 120))),
                summary=f"We talked about {career.lower()} and the routes into it.",
                confidential_notes="Demo note: nothing confidential in a made-up school."))
            for text, owner in rng.sample(ACTION_IDEAS, rng.randint(2, 3)):
                action = services.guidance.add_action(
                    adviser, pupil.id, NewAction(text.format(career=career.lower()), owner,
                                                 day + dt.timedelta(days=rng.choice((14, 30, 60)))),
                    interview.id)
                roll = rng.random()
                if roll < 0.55 or years_ago > 0 and roll < 0.85:
                    services.guidance.set_action_status(adviser, action.id, ActionStatus.DONE)
                elif roll < 0.7:
                    services.guidance.set_action_status(adviser, action.id,
                                                        ActionStatus.IN_PROGRESS)
            services.guidance.lock(adviser, interview.id)


FAIR_ORGANISATIONS = (("Riverside NHS Trust", "employer"), ("Hollins Engineering", "employer"),
                      ("Riverside College", "fe_college"),
                      ("North Shore Training", "training_provider"),
                      ("University of the Riverside", "university"))


def add_encounter_history(services: Services, leader: Session, rng: random.Random,
                          today: dt.date) -> None:
    """Seven years of group events, each attended by most of the year group at the time."""
    from careersdesk.encounters import ALL_CRITERIA, CORE_CRITERIA, EncounterDetails, Organisation
    from careersdesk.models import PupilFilter

    pupils = services.pupils.list_pupils(leader, PupilFilter(disadvantaged_first=False))
    this_year = academic_year_start(today)
    for years_ago in range(6, -1, -1):
        school_year = this_year - years_ago
        for year_group, plan in YEAR_PLAN.items():
            cohort = [p for p in pupils if p.year_group - years_ago == year_group]
            for month, day, kind, title, options in plan + [
                    (m, d, k, f"Year {year_group} {t[0].lower()}{t[1:]}", o)
                    for m, d, k, t, o in EVERY_YEAR]:
                date = dt.date(school_year + (0 if month >= 9 else 1), month, day)
                if date >= today or not cohort:
                    continue
                # Most events met every criterion; some fell short, as real ones do.
                criteria = set(ALL_CRITERIA if options.get("workplace") else CORE_CRITERIA)
                if rng.random() < 0.2:
                    criteria.discard(rng.choice(sorted(criteria)))
                organisations = tuple(Organisation(name, kind_)
                                      for name, kind_ in FAIR_ORGANISATIONS) if options.get("orgs") else ()
                details = EncounterDetails(
                    title=title, kind=kind, date=date, duration_minutes=60 * rng.randint(1, 4),
                    organisations=organisations, stem=bool(options.get("stem")),
                    criteria=frozenset(criteria),
                    provider_access=bool(options.get("provider_access")))
                # Only pupils on roll by then could attend (a mid-year joiner missed earlier events).
                present = [p.id for p in cohort if rng.random() < 0.9
                           and (p.admission_date is None or p.admission_date <= date)]
                if present:
                    services.encounters.record_group_event(leader, details, present)
