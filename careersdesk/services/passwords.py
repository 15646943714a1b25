"""Password and PIN hashing with argon2id, and the lock-out rule for wrong guesses."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher
MAX_FAILED_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=5)
MIN_PASSWORD_LENGTH = 8


@cache
def hasher() -> PasswordHasher:
    """OWASP's minimum argon2id setting: 19 MiB, 2 passes.

    School IT-suite machines are modest and thirty pupils sign in at once, so the cost stays at
    that floor rather than the library default.  Imported on first use, after the window shows.
    """
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=2, memory_cost=19_456, parallelism=1)


def hash_secret(secret: str) -> str:
    return hasher().hash(secret)


def verify_secret(stored_hash: str | None, secret: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    if not stored_hash:
        return False
    try:
        return bool(hasher().verify(stored_hash, secret))
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"A staff password needs at least {MIN_PASSWORD_LENGTH} characters."
    if password.strip() != password:
        return "A password cannot start or end with a space."
    return None


def pin_problem(pin: str) -> str | None:
    if not pin.isascii() or not pin.isdigit() or not 4 <= len(pin) <= 8:
        return "A pupil PIN is 4 to 8 digits."
    return None
