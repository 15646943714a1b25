"""The careers library's benchmark figures: present and sensible, never timed in a test."""

import shutil
from pathlib import Path

from careersdesk.content import bench
from careersdesk.content.search import query_words

SAMPLE = Path(__file__).parent / "data" / "content_sample"


def test_the_query_list_is_realistic():
    queries = bench.search_queries()
    assert len(queries) >= 200
    for word in ("vet", "electrician", "plumber"):  # typed one letter at a time
        assert all(word[:n] in queries for n in range(1, len(word) + 1))
    assert {"sparky", "plumer", "color", "'; DROP TABLE jobs; --"} <= set(queries)
    assert sum(1 for q in queries if not query_words(q)) < 10


def test_content_figures_on_a_small_library(tmp_path, monkeypatch):
    resources = tmp_path / "resources"
    shutil.copytree(SAMPLE, resources / "content")
    monkeypatch.setattr(bench, "resource_path", lambda *parts: resources.joinpath(*parts))
    figures = bench.content_figures(quick=True)
    assert figures["profiles"] == 15
    for key in ("search_p95_ms", "search_overhead_ratio", "match_ms", "content_build_s"):
        assert isinstance(figures[key], float) and figures[key] > 0, key
    assert not (resources / "content.db").exists()  # measured in a temporary copy


def test_content_figures_without_any_library(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    monkeypatch.setattr(bench, "resource_path", lambda *parts: tmp_path.joinpath(*parts))
    assert bench.content_figures(quick=True) == {"profiles": 0}
