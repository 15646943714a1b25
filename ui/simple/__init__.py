"""Simplified mode: the pupil's space with big buttons, plain words and symbols."""
