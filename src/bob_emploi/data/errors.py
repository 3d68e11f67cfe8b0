"""Errors the data pipeline reports to its users: each says where and what."""

from __future__ import annotations


class DataError(Exception):
    """Base of every error the pipeline raises on purpose."""


class RawDataError(DataError):
    """A raw file is unreadable, malformed or inconsistent.

    The message reads `file:line: column: what is wrong`, like a compiler's.
    """

    def __init__(self, file: str, line: int | None, column: str | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        where = file if line is None else f"{file}:{line}"
        super().__init__(f"{where}: {column}: {problem}" if column else f"{where}: {problem}")


class BundleError(DataError):
    """A bundle is missing, damaged or of another schema version."""


class FetchError(DataError):
    """The raw files could not be downloaded."""
