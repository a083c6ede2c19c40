"""Errors capture raises for bad input.

A ``CaptureError`` message is one line a person can act on ("empty file",
"not a text file: looks binary"); callers show it as is, never a traceback.
"""


class CaptureError(Exception):
    """Outside material that cannot become an article, with the reason why."""
