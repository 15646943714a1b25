"""The T Level and apprenticeship standard lists that profiles' routes are checked against."""

import tomllib
from pathlib import Path

from careersdesk.content.derive_facts_extra import derive_reference_lists, main
from careersdesk.content.schema import read_standards, read_t_levels
from careersdesk.resources import resource_path

T_LEVELS_CSV = '''framework_code,t_level,route,withdrawn
37,"Digital Production, Design and Development",Digital and IT,0
41,Health,Health and Science,0
56,Catering,,1
'''
STANDARDS_CSV = '''Name,Reference,Standard Approved,Assessment Plan Approved,Approved for Delivery Date,Route,Level,Integrated Degree,Maximum Funding (£),Funding Band,Typical Duration,LARS code for providers only,Link
Software developer,ST0116,Y,Y,12-11-2014,Digital,4,,18000,12,24,2,https://example.org/a
Old name (Closed for new starts),ST0313,Y,Y,03-02-2016,Sales  marketing and procurement,4,,9000,9,24,73,https://example.org/b
  New   name,ST0313,Y,Y,17-12-2017,Sales  marketing and procurement,4,,9000,9,24,222,https://example.org/c
Lead adult care worker,ST0006-02,Y,Y,01-01-2018,Health and science,3,,3000,4,12,9,https://example.org/d
Locksmith (decommissioned),ST0099,N,N,,Construction,0,,0,0,0,0,https://example.org/e
'''


def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "tlevels_2025.csv").write_text(T_LEVELS_CSV, encoding="utf-8")
    (folder / "apprenticeship_standards_2018-05-08.csv").write_text(STANDARDS_CSV,
                                                                    encoding="utf-8")
    return folder


def test_the_lists_are_derived_from_the_csvs(tmp_path):
    out = tmp_path / "content"
    assert derive_reference_lists(sources(tmp_path), out) == (4, 4)
    problems = []
    t_levels = {t.name: t for t in read_t_levels(out, problems)}
    assert problems == []
    assert t_levels["Catering"].withdrawn and not t_levels["Health"].withdrawn
    assert t_levels["Onsite Construction"].route == "Construction and the Built Environment"
    standards = {s.reference: s for s in read_standards(out, problems)}
    assert problems == []
    assert set(standards) == {"ST0116", "ST0313", "ST0006-02", "ST0099"}
    assert standards["ST0313"].name == "New name"  # the later of the two
    assert standards["ST0313"].route == "Sales, marketing and procurement"
    assert standards["ST0099"].level == 0
    data = tomllib.loads((out / "apprenticeship_standards.toml").read_text(encoding="utf-8"))
    assert set(data["standard"][0]) == {"reference", "name", "level", "route"}


def test_deriving_twice_changes_nothing(tmp_path):
    folder = sources(tmp_path)
    derive_reference_lists(folder, tmp_path / "one")
    derive_reference_lists(folder, tmp_path / "two")
    for name in ("tlevels.toml", "apprenticeship_standards.toml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_runnable_as_a_module(tmp_path, capsys):
    assert main(["--sources", str(sources(tmp_path)), "--out", str(tmp_path / "out")]) == 0
    assert "4 T Levels and 4 apprenticeship standards" in capsys.readouterr().out
    assert main(["--sources", str(tmp_path / "missing"), "--out", str(tmp_path / "o")]) == 1
    assert capsys.readouterr().err.startswith("derive_facts_extra: ")


def test_the_shipped_lists():
    problems = []
    t_levels = {t.name: t for t in read_t_levels(resource_path("content"), problems)}
    standards = {s.reference for s in read_standards(resource_path("content"), problems)}
    assert problems == []
    assert t_levels["Catering"].withdrawn and not t_levels["Onsite Construction"].withdrawn
    assert len(t_levels) == 24
    assert {"ST0116", "ST0152", "ST0417/01"} <= standards and len(standards) == 545
