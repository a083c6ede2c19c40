"""Errors storage raises that a person can act on.

These are *expected* failures (a locked or full disk, an id that is gone, a
search that cannot be parsed) and carry a one-line message to show as is.
Anything else escaping storage is a bug and should surface as one.
"""


class LibraryError(Exception):
    """A library operation failed for a reason to tell the person."""


class LibraryLockedError(LibraryError):
    """Another program held the library busy for longer than we waited."""


class DiskFullError(LibraryError):
    """The disk holding the library is full."""


class LibraryReadOnlyError(LibraryError):
    """The library file (or its folder) cannot be written to."""


class LibraryCannotOpenError(LibraryError):
    """SQLite cannot open the file: a folder, a missing folder, no permission."""


class NotALibraryError(LibraryError):
    """The file exists but is not a Readshelf library (or is damaged)."""


class ArticleNotFoundError(LibraryError):
    """No article has the requested id."""


class TagNotFoundError(LibraryError):
    """No tag has the requested name."""


class SearchSyntaxError(LibraryError):
    """The search query could not be understood."""


class FeedNotFoundError(LibraryError):
    """No feed has the requested id."""


class FeedExistsError(LibraryError):
    """The library already subscribes to this feed address."""
