"""Colour themes as data, with the WCAG 2.2 contrast arithmetic that checks them.

The Qt front end turns a theme into a style sheet; keeping the colours here means a test can
prove every pair of text and background colours is readable without starting Qt.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    key: str
    name: str
    minimum_contrast: float  # 4.5 (WCAG AA) for the standard theme, 7 (AAA) for high contrast
    background: str
    surface: str
    text: str
    muted_text: str
    heading: str
    accent: str
    accent_text: str
    sidebar: str
    sidebar_text: str
    selection: str
    selection_text: str
    error_text: str
    error_background: str
    notice_text: str
    notice_background: str
    good_text: str
    good_background: str
    focus: str

    def text_pairs(self) -> list[tuple[str, str, str]]:
        """(what, foreground, background) for every place text is drawn."""
        return [
            ("body text", self.text, self.background),
            ("body text on panels", self.text, self.surface),
            ("secondary text", self.muted_text, self.surface),
            ("headings", self.heading, self.background),
            ("headings on panels", self.heading, self.surface),
            ("primary buttons", self.accent_text, self.accent),
            ("navigation", self.sidebar_text, self.sidebar),
            ("selected items", self.selection_text, self.selection),
            ("error messages", self.error_text, self.error_background),
            ("notices", self.notice_text, self.notice_background),
            ("good news", self.good_text, self.good_background),
        ]


THEMES: dict[str, Theme] = {theme.key: theme for theme in (
    Theme("standard", "Standard", 4.5, background="#f4f6f8", surface="#ffffff", text="#1b2733",
          muted_text="#3b4a57", heading="#0b3d5c", accent="#0b5cad", accent_text="#ffffff",
          sidebar="#0b3d5c", sidebar_text="#ffffff", selection="#ffffff",
          selection_text="#0b3d5c", error_text="#8a1c1c", error_background="#fdecec",
          notice_text="#5b3b00", notice_background="#fff4d6", good_text="#1f3b2d",
          good_background="#e8f5ee", focus="#b35c00"),
    Theme("high-contrast-dark", "High contrast (dark)", 7.0, background="#000000",
          surface="#0a0a0a", text="#ffffff", muted_text="#e6e6e6", heading="#ffff66",
          accent="#ffff66", accent_text="#000000", sidebar="#000000", sidebar_text="#ffffff",
          selection="#ffff66", selection_text="#000000", error_text="#ffb3b3",
          error_background="#000000", notice_text="#ffff66", notice_background="#000000",
          good_text="#b3ffb3", good_background="#000000", focus="#00ffff"),
    Theme("high-contrast-light", "High contrast (light)", 7.0, background="#ffffff",
          surface="#ffffff", text="#000000", muted_text="#1a1a1a", heading="#000000",
          accent="#000000", accent_text="#ffffff", sidebar="#000000", sidebar_text="#ffffff",
          selection="#000000", selection_text="#ffffff", error_text="#7a0000",
          error_background="#ffffff", notice_text="#000000", notice_background="#ffffff",
          good_text="#003300", good_background="#ffffff", focus="#0000cc"),
    Theme("cream", "Cream (for dyslexia)", 4.5, background="#fbf5e6", surface="#fffaf0",
          text="#222222", muted_text="#3d3d3d", heading="#1f3a5a", accent="#1f3a5a",
          accent_text="#fffaf0", sidebar="#3b3226", sidebar_text="#fffaf0",
          selection="#fffaf0", selection_text="#3b3226", error_text="#8a1c1c",
          error_background="#fdecec", notice_text="#5b3b00", notice_background="#fff1c9",
          good_text="#1f3b2d", good_background="#e6f2e6", focus="#a04a00"),
)}
TEXT_SCALES = (100, 125, 150, 175, 200)


def relative_luminance(colour: str) -> float:
    """WCAG 2.2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)),
                             reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def theme_or_default(key: str | None) -> Theme:
    """A stored preference that names no theme (or a removed one) falls back to Standard."""
    return THEMES.get(key or "", THEMES["standard"])
