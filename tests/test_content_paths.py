"""The routes diagram: paths into a job from where the pupil is now."""

from careersdesk.content.paths import paths_into
from careersdesk.content.schema import Route

ROUTES = (Route("apprenticeship", "A levels", level=4),
          Route("university", "A levels", level=6),
          Route("t-level", "GCSEs", level=3, t_levels=("Digital Production, Design and "
                                                       "Development",)),
          Route("apprenticeship", "A levels", level=4))  # the same path twice is shown once


def test_a_year_9_pupil_starts_with_gcses():
    paths = paths_into("Software developer", ROUTES, year_group=9)
    assert paths[0] == ["Year 9 now", "GCSEs", "A levels or a T Level", "Level 4 apprenticeship",
                        "Software developer"]
    assert ["Year 9 now", "GCSEs", "T Level in Digital Production, Design and Development",
            "Software developer"] in paths
    assert len(paths) == 3


def test_a_sixth_former_has_gcses_behind_them():
    paths = paths_into("Software developer", ROUTES, year_group=12)
    assert all("GCSEs" not in path for path in paths)
    assert paths[1] == ["Year 12 now", "A levels or a T Level (now)", "Degree",
                        "Software developer"]


def test_degree_apprenticeships_and_work_routes_are_named():
    paths = paths_into("Nurse", (Route("apprenticeship", "x", level=6),
                                 Route("work", "x"), Route("volunteering", "x")), None)
    assert paths[0][-2] == "Degree apprenticeship (level 6)"
    assert paths[1][-2] == "Apply for a job and train at work"
    assert paths[2][0] == "Where you are now" and "Volunteer" in paths[2][-3]


def test_a_supported_internship_is_a_path_of_its_own():
    (path,) = paths_into("Kitchen assistant", (Route("supported-internship", "An EHC plan"),), 11)
    assert path == ["Year 11 now", "GCSEs", "Supported internship with a job coach",
                    "Apply for a job", "Kitchen assistant"]
