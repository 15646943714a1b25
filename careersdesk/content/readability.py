"""How hard a piece of library text is to read, as a reading age in years.

Reading age is the Flesch-Kincaid grade plus five (a US grade 4 reader is about nine), measured
with textstat, whose syllable counts come from bundled hyphenation dictionaries, so nothing is
downloaded. `content check` notes each profile above the targets; `content report` prints the
90th percentile across the library.
"""

from __future__ import annotations

# The aims: easy-read text a nine-year-old can read, summaries a twelve-year-old can.
EASY_READ_TARGET_AGE = 9
SUMMARY_TARGET_AGE = 12


def reading_age(text: str) -> float:
    """The reading age a text needs, in years (Flesch-Kincaid grade + 5)."""
    import textstat  # imported late: the app itself never measures text

    return float(textstat.flesch_kincaid_grade(text)) + 5
