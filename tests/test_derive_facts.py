"""The facts pipeline, run on the real public sources when they sit beside the repository."""

import json

import pytest
from conftest import REPO

from careersdesk.content.derive_facts import derive_facts

SOURCES = REPO.parent / "shared" / "data" / "sources"
pytestmark = pytest.mark.skipif(not SOURCES.exists(), reason="../shared/data/sources is not here")


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    out = tmp_path_factory.mktemp("facts")
    report = derive_facts(SOURCES, out)
    return report, out, json.loads((out / "soc_facts.json").read_text(encoding="utf-8"))


def test_coverage(facts):
    report, _, data = facts
    assert report.groups == len(data["groups"]) == 412
    assert report.with_pay >= 400 and report.with_riasec >= 390


def test_pay_figures_are_ashe_full_time(facts):
    groups = facts[2]["groups"]
    vet = groups["2240"]["pay"]
    assert vet["median"] == 49470 and vet["p25"] == 37951 and vet["year"] == 2024
    assert vet["p75"] is None  # ONS does not publish it: suppressed, so not shown
    programmers = groups["2134"]["pay"]
    assert 30_000 < programmers["median"] < 80_000 and not programmers["fallback"]
    fallbacks = [g for g in groups.values() if g["pay"] and g["pay"]["fallback"]]
    assert fallbacks and all(g["pay"]["group"] == g["minor_group"] for g in fallbacks)


def test_interest_profiles_and_titles(facts):
    groups = facts[2]["groups"]
    assert "I" in groups["2240"]["riasec"]["code"]
    assert groups["5241"]["riasec"]["code"][0] == "R"
    assert any("electrician" in t.lower() for t in groups["5241"]["coding_index_titles"])


def test_output_is_the_same_every_time(facts, tmp_path):
    _, out, _ = facts
    derive_facts(SOURCES, tmp_path)
    assert (tmp_path / "soc_facts.json").read_bytes() == (out / "soc_facts.json").read_bytes()
