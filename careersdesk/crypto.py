"""Encryption of confidential fields at rest (AES-256-GCM), and the school's data key.

One random *data key* encrypts every confidential field.  It is never stored as it is: the
database holds it only wrapped, once per member of staff under a key derived from their
password (argon2id), and once under a recovery key that the administrator prints at set-up.
Signing in as staff unwraps it for that session; a pupil's session never has it.  Each
encrypted value is bound to its table, row and column, so values cannot be swapped between
pupils without the decryption failing.
"""

from __future__ import annotations

import base64
import os
import secrets

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from careersdesk.errors import CareersDeskError

FIELD_PREFIX = "enc1:"
WRAP_PREFIX = "wrap1"
_WRAP_CONTEXT = b"careersdesk data key"
RECOVERY_GROUPS = 8  # 8 groups of 5 base-32 characters: 200 bits, easy to type from paper


class DecryptionError(CareersDeskError):
    pass


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def _derive(secret: str, salt: bytes) -> bytes:
    # The same argon2id cost as sign-in: a stolen database file is no faster to attack.
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=2, memory_cost=19_456,
                           parallelism=1, hash_len=32, type=Type.ID)


def wrap_data_key(data_key: bytes, secret: str) -> str:
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(secret, salt)).encrypt(nonce, data_key, _WRAP_CONTEXT)
    return ":".join([WRAP_PREFIX, *(base64.b64encode(part).decode() for part in
                                    (salt, nonce, sealed))])


def unwrap_data_key(blob: str, secret: str) -> bytes:
    try:
        prefix, salt, nonce, sealed = blob.split(":")
        if prefix != WRAP_PREFIX:
            raise ValueError(prefix)
        return AESGCM(_derive(secret, base64.b64decode(salt))).decrypt(
            base64.b64decode(nonce), base64.b64decode(sealed), _WRAP_CONTEXT)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionError("That secret does not unlock the school's data key.") from exc


def new_recovery_key() -> str:
    raw = base64.b32encode(secrets.token_bytes(25)).decode()
    return "-".join(raw[i:i + 5] for i in range(0, RECOVERY_GROUPS * 5, 5))


def normalise_recovery_key(text: str) -> str:
    letters = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(letters[i:i + 5] for i in range(0, len(letters), 5))


def _aad(table: str, row_id: int, column: str) -> bytes:
    return f"{table}:{row_id}:{column}".encode()


def encrypt_field(data_key: bytes, plaintext: str, table: str, row_id: int, column: str) -> str:
    if plaintext == "":
        return ""  # nothing to hide, and an empty field stays visibly empty
    nonce = os.urandom(12)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"),
                                      _aad(table, row_id, column))
    return FIELD_PREFIX + base64.b64encode(nonce + sealed).decode()


def decrypt_field(data_key: bytes, stored: str, table: str, row_id: int, column: str) -> str:
    if not stored.startswith(FIELD_PREFIX):
        return stored  # written before encryption was switched on, or empty
    raw = base64.b64decode(stored[len(FIELD_PREFIX):])
    try:
        return AESGCM(data_key).decrypt(raw[:12], raw[12:], _aad(table, row_id, column)).decode()
    except InvalidTag as exc:
        raise DecryptionError(f"A confidential value in {table} row {row_id} could not be "
                              "decrypted: it was changed or moved from another record.") from exc
