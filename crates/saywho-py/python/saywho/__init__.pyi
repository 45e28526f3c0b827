"""saywho: who said what in news text (type stubs for the public API)."""

from typing import Any, Iterable, Literal, Mapping, NotRequired, TypedDict, overload

import pandas

__version__: str
FORMAT_VERSION: int
QUOTE_COLUMNS: list[str]
ENTITY_COLUMNS: list[str]

class Span(TypedDict):
    start: int
    end: int
    text: str

class Gender(TypedDict):
    value: Literal["female", "male", "other", "unknown"]
    origin: Literal["auto", "manual"]

class Entity(TypedDict):
    id: str
    label: str
    name: str
    gender: NotRequired[Gender]

class Mention(TypedDict):
    id: str
    start: int
    end: int
    text: str
    label: str
    entity: str | None
    origin: Literal["auto", "manual"]

class Quote(TypedDict):
    id: str
    start: int
    end: int
    text: str
    kind: Literal["direct", "indirect", "partial"]
    cue: Span | None
    speaker: Span | None
    entity: str | None
    origin: Literal["auto", "manual"]

class Document(TypedDict):
    """The annotation file (``../shared/docs/annotation-format.md``); offsets in code points."""

    format: str
    version: int
    text: str
    entities: list[Entity]
    mentions: list[Mention]
    quotes: list[Quote]

class WarningRecord(TypedDict):
    code: str
    message: str

class SaywhoWarning(UserWarning):
    """A warning about a text or its result, with its stable ``code``."""

    code: str
    message: str
    def __init__(self, code: str, message: str) -> None: ...

class ValidationError(ValueError):
    """An annotation file :func:`validate` refused: ``path`` of the bad value and ``message``."""

    path: str
    message: str
    def __init__(self, path: str, message: str) -> None: ...

def annotate(text: str, *, rules_only: bool = False) -> Document:
    """Annotate ``text``: the annotation file as a dict, exactly the CLI's JSON."""

def annotate_json(text: str, *, rules_only: bool = False) -> str:
    """Annotate ``text``: the annotation file as JSON, byte for byte what ``saywho annotate`` prints."""

@overload
def annotate_many(
    texts: Iterable[str], *, threads: int | None = None, rules_only: bool = False, with_warnings: Literal[False] = False
) -> list[Document]: ...
@overload
def annotate_many(
    texts: Iterable[str], *, threads: int | None = None, rules_only: bool = False, with_warnings: Literal[True]
) -> list[tuple[Document, list[WarningRecord]]]:
    """Annotate many texts on every core, without the GIL; documents in input order."""

def validate(obj: str | bytes | Mapping[str, Any]) -> None:
    """Check an annotation file as ``saywho validate`` does; raises :class:`ValidationError`."""

def quotes_frame(
    docs: Iterable[Document] | Document | Mapping[Any, Document], ids: Iterable[Any] | None = None
) -> pandas.DataFrame:
    """One row per quote: doc_id, quote_id, kind, offsets, text, speaker, entity, cue, origin."""

def entities_frame(
    docs: Iterable[Document] | Document | Mapping[Any, Document], ids: Iterable[Any] | None = None
) -> pandas.DataFrame:
    """One row per entity: doc_id, entity_id, label, name, mentions, quotes."""
