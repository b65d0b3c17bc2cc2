"""The exception tree. Library code raises these; only the CLI turns them into messages and exit
codes. Each message says what failed and how to fix it."""

from __future__ import annotations


class QuotedriftError(Exception):
    """Base class of every error quotedrift raises on purpose."""


class InputError(QuotedriftError):
    """A file or folder could not be read as an article (empty, binary, undecodable, too large,
    malformed). ``path`` names the file; the batch goes on without it."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class NoArticlesError(QuotedriftError):
    """Nothing at all could be read from the paths given. ``problems`` holds the Problem of each
    file that failed, so that a caller can name them all."""

    def __init__(self, message: str, problems: tuple[object, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems


class ModelError(QuotedriftError):
    """A model (spaCy pipeline or sentence-transformers encoder) is missing or unusable."""


class ConfigError(QuotedriftError):
    """A setting, flag or quotedrift.toml value is invalid."""


class CacheError(QuotedriftError):
    """The vector cache or the store is corrupt or unwritable."""


class CacheLockedError(CacheError):
    """Another process holds a cache for longer than quotedrift waits: the file is sound and is
    left alone; the run goes on without that cache."""
