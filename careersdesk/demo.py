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
from careersdesk.models import NewPupil, Role, SendStatus
from careersdesk.services import Services, passwords

DEMO_PIN = "1234"
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
        pupils.append(NewPupil(
            legal_first_name=first, legal_last_name=last, preferred_name=preferred,
            year_group=year, form=form, date_of_birth=date_of_birth,
            upn=upn, mis_id=f"{100000 + serial}",
            pupil_premium=rng.random() < 0.25, send_status=send,
            looked_after=rng.random() < 0.01, eal=rng.random() < 0.2,
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
    services = Services(database)
    services.school.write_settings_unchecked({"school_name": DEMO_SCHOOL_NAME, "is_demo": "1"})
    for username, password, name, role in DEMO_STAFF:
        services.staff.create_staff_unchecked(username, name, role, password)
    # Every demo pupil has the PIN 1234: hash it once and share the hash.
    services.pupils.create_many_unchecked(demo_pupils(pupils, seed, today),
                                          shared_pin_hash=passwords.hash_secret(DEMO_PIN))
