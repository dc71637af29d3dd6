"""Errors the interceptor's readers raise (interpreted: mypyc cannot compile a subclass of
a builtin exception)."""

from __future__ import annotations


class CaptureFormatError(EOFError):
    """The file is not a capture, or is damaged at some byte (an EOFError, so callers
    that handle a file ending early handle this too)."""
