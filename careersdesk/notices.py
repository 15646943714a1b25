"""Notices that the public sources behind the careers library require us to show."""

from __future__ import annotations

DATA_SOURCE_NOTICES: tuple[tuple[str, str], ...] = (
    ("Office for National Statistics (SOC 2020, its coding index, ASHE 2024 pay and hours)",
     "Contains public sector information licensed under the Open Government Licence v3.0."),
    ("O*NET 30.2 interest profiles",
     "This product includes information from the O*NET 30.2 Database by the U.S. Department "
     "of Labor, Employment and Training Administration (USDOL/ETA). Used under the CC BY 4.0 "
     "license. O*NET® is a trademark of USDOL/ETA. CareersDesk has modified this information: "
     "it was matched to UK SOC 2020 groups through international crosswalks and averaged."),
    ("Nesta, Mapping Career Causeways (ESCO to O*NET crosswalk)",
     "Used under the MIT licence. Copyright (c) 2020 Nesta."),
    ("U.S. Bureau of Labor Statistics (ISCO-08 to US SOC crosswalk)",
     "A work of the U.S. Government, in the public domain."),
    ("National Careers Service job profiles (2019)",
     "Job titles, categories and which entry routes exist were used as facts to plan the "
     "library. Crown copyright. No text was copied: every sentence is written by CareersDesk."),
    ("Department for Education and Institute for Apprenticeships lists",
     "The lists of T Levels and apprenticeship standards are used as facts under the Open "
     "Government Licence v3.0."),
)


# Fonts shipped with the app whose licences ask to be credited (full texts in resources/fonts).
FONT_NOTICES: tuple[tuple[str, str], ...] = (
    ("OpenDyslexic, by Abelardo Gonzalez (the dyslexia-friendly font)",
     "Licensed under Creative Commons Attribution 3.0; based on Bitstream Vera (Bitstream, "
     "Inc.). Unmodified."),
    ("DejaVu Sans, Droid Sans Fallback and GNU FreeFont (fonts in printed plans and reports)",
     "Bitstream Vera licence with DejaVu's public-domain changes; Apache License 2.0; GPLv3 with "
     "the font exception."),
)


def notices_as_text() -> str:
    return "\n\n".join(f"{source}\n{notice}"
                       for source, notice in (*DATA_SOURCE_NOTICES, *FONT_NOTICES))
