"""The extension module (Rust, PyO3) under :mod:`saywho`; use :mod:`saywho` instead."""

from typing import Iterable

__version__: str
FORMAT_VERSION: int

def annotate_json(text: str, *, rules_only: bool = False, pretty: bool = True) -> tuple[str, list[tuple[str, str]]]:
    """The annotation file's JSON (pretty: what ``saywho annotate`` prints) and the warnings as (code, message)."""

def annotate_many_json(
    texts: Iterable[str], *, threads: int | None = None, rules_only: bool = False
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Compact JSON and warnings per text, in input order, annotated without the GIL on ``threads`` threads."""

def validate_json(json: str) -> tuple[str, str] | None:
    """``None`` if the annotation file is valid, else (JSON path, message)."""
