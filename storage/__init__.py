"""Storage: the library file. The only package that speaks SQL."""

from core.models import (
    Article,
    ArticleRecord,
    ArticleSummary,
    Image,
    ImageRecord,
    RelatedLink,
    RelatedRecord,
    SaveResult,
    SearchHit,
    SimilarArticle,
    Tag,
)
from storage.errors import (
    ArticleNotFoundError,
    DiskFullError,
    LibraryCannotOpenError,
    LibraryError,
    LibraryLockedError,
    LibraryReadOnlyError,
    NotALibraryError,
    SearchSyntaxError,
    TagNotFoundError,
)
from storage.library import SNIPPET_END, SNIPPET_START, ArticleFilter, Library

__all__ = [
    "SNIPPET_END",
    "SNIPPET_START",
    "Article",
    "ArticleFilter",
    "ArticleNotFoundError",
    "ArticleRecord",
    "ArticleSummary",
    "DiskFullError",
    "Image",
    "ImageRecord",
    "Library",
    "LibraryCannotOpenError",
    "LibraryError",
    "LibraryLockedError",
    "LibraryReadOnlyError",
    "NotALibraryError",
    "RelatedLink",
    "RelatedRecord",
    "SaveResult",
    "SearchHit",
    "SearchSyntaxError",
    "SimilarArticle",
    "Tag",
    "TagNotFoundError",
]
