"""Every theme is readable: WCAG 2.2 contrast computed from the theme's own colours."""

import pytest

from careersdesk.themes import THEMES, contrast_ratio, relative_luminance, theme_or_default


def test_contrast_arithmetic_matches_wcag_examples():
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast_ratio("#777777", "#ffffff"), 2) == 4.48  # just fails AA
    assert relative_luminance("#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("theme", list(THEMES.values()), ids=lambda t: t.key)
def test_every_text_colour_meets_the_theme_minimum(theme):
    for what, foreground, background in theme.text_pairs():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= theme.minimum_contrast, f"{theme.name}: {what} is {ratio:.2f}:1"


def test_high_contrast_themes_meet_aaa():
    assert {t.key for t in THEMES.values() if t.minimum_contrast >= 7} == {
        "high-contrast-dark", "high-contrast-light"}


def test_unknown_theme_falls_back_to_standard():
    assert theme_or_default("neon").key == "standard" and theme_or_default(None).key == "standard"
