"""Say a status change out loud to screen readers ("Saved.", "You saved Vet to Jobs I like.").

Qt 6.8+ sends an accessibility announcement event, which screen readers (NVDA, Orca, VoiceOver)
read at once without moving the focus, so a blind pupil hears what their action did.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QLabel


def announce(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` and announce it to assistive technology."""
    label.setText(text)
    if text and QAccessible.isActive():
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, text))
