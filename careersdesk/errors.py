"""Errors that carry a message meant for a person, not a traceback."""

from __future__ import annotations


class CareersDeskError(Exception):
    """Base class: str(error) is a complete sentence a school user can act on."""


class ConfigError(CareersDeskError):
    pass


class DatabaseOpenError(CareersDeskError):
    pass


class PermissionDenied(CareersDeskError):
    pass


class SignInError(CareersDeskError):
    pass


class AccountLocked(SignInError):
    pass


class ValidationError(CareersDeskError):
    pass


class NotFound(CareersDeskError):
    pass
