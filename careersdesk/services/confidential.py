"""Sealing and opening confidential text (guidance notes, SEND support notes) for a session.

Each value is encrypted under the school's data key, bound to its table, row and column so it
cannot be moved to another pupil's row; only staff sessions hold the key.
"""

from __future__ import annotations

from careersdesk import crypto
from careersdesk.errors import ValidationError
from careersdesk.models import Session

LOCKED_NOTICE = ("[Confidential notes are locked for this account: ask an administrator to "
                 "reset your password so your access is re-issued.]")


def reveal(session: Session, stored: str, table: str, row_id: int, column: str) -> str:
    if not stored:
        return ""
    if session.data_key is None:
        return LOCKED_NOTICE
    return crypto.decrypt_field(session.data_key, stored, table, row_id, column)


def seal(session: Session, text: str, table: str, row_id: int, column: str) -> str:
    if not text:
        return ""
    if session.data_key is None:
        raise ValidationError("Your account cannot write confidential notes yet: ask an "
                              "administrator to reset your password.")
    return crypto.encrypt_field(session.data_key, text, table, row_id, column)
