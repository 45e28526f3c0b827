"""saywho: who said what in news text, from Python.

The same Rust core as the ``saywho`` command line and the web app: named
entities, quotations (direct, indirect, partial) and who said them. The
document a function returns is exactly the annotation file ``saywho annotate``
prints (``../shared/docs/annotation-format.md``; offsets are Unicode code
points, which is what Python's ``str`` indexes).

Warnings (an empty text, an unbalanced quotation mark) go where the CLI sends
them to stderr: Python's :mod:`warnings`, as :class:`SaywhoWarning` with the
warning's ``code``. ``annotate_many(..., with_warnings=True)`` returns them
instead, as the ``warnings`` field of ``saywho batch`` does.
"""

from __future__ import annotations

import json
import warnings as _warnings
from typing import Any, Iterable, Mapping

from . import _native

__all__ = [
    "annotate",
    "annotate_json",
    "annotate_many",
    "validate",
    "quotes_frame",
    "entities_frame",
    "QUOTE_COLUMNS",
    "ENTITY_COLUMNS",
    "ValidationError",
    "SaywhoWarning",
    "FORMAT_VERSION",
    "__version__",
]

__version__: str = _native.__version__
FORMAT_VERSION: int = _native.FORMAT_VERSION


class SaywhoWarning(UserWarning):
    """A warning about a text or its result; ``code`` is stable (``empty-text``, ``unclosed-quote``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ValidationError(ValueError):
    """An annotation file that :func:`validate` refused.

    ``path`` is the JSON path of the offending value (``quotes[3].speaker.text``;
    empty when the file as a whole is wrong), ``message`` says what is wrong;
    ``str(error)`` is ``"path: message"``, what ``saywho validate`` prints.
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


def _warn(warnings: list[tuple[str, str]], prefix: str = "", stacklevel: int = 3) -> None:
    for code, message in warnings:
        _warnings.warn(SaywhoWarning(code, prefix + message), stacklevel=stacklevel)


def annotate_json(text: str, *, rules_only: bool = False) -> str:
    """Annotate ``text`` and return the annotation file as JSON.

    The string is byte for byte what ``saywho annotate`` prints for the same
    text (pretty-printed, trailing newline). ``rules_only=True`` is the CLI's
    ``--rules-only``: the statistical models left out, about five times faster.
    Warnings are issued as :class:`SaywhoWarning`. Raises ``TypeError`` for a
    non-``str`` and ``ValueError`` for a ``str`` with a lone surrogate.
    """
    out, warnings = _native.annotate_json(text, rules_only=rules_only, pretty=True)
    _warn(warnings)
    return out


def annotate(text: str, *, rules_only: bool = False) -> dict[str, Any]:
    """Annotate ``text`` and return the annotation file as a dict.

    Keys in the file's order: ``format``, ``version``, ``text``, ``entities``,
    ``mentions``, ``quotes``; ``json.loads(annotate_json(text)) == annotate(text)``.
    Any text gives a document: an empty one gives no annotations and an
    ``empty-text`` :class:`SaywhoWarning`. Errors as in :func:`annotate_json`.
    """
    out, warnings = _native.annotate_json(text, rules_only=rules_only, pretty=False)
    _warn(warnings)
    return json.loads(out)


def annotate_many(
    texts: Iterable[str],
    *,
    threads: int | None = None,
    rules_only: bool = False,
    with_warnings: bool = False,
) -> list[Any]:
    """Annotate many texts on every core and return their documents in input order.

    The GIL is released while the core works, on ``threads`` threads (default:
    every core); each thread takes the next text, so long and short articles
    balance out. ``texts`` is any iterable of ``str`` (a list, a pandas Series).
    With ``with_warnings=True`` each item is ``(document, warnings)``, the
    warnings as ``[{"code": ..., "message": ...}]`` like ``saywho batch``'s
    records; otherwise warnings are issued as :class:`SaywhoWarning`, prefixed
    with the text's index (``texts[3]: ...``). A non-``str`` item or a lone
    surrogate raises (``TypeError`` / ``ValueError`` naming ``texts[i]``)
    before anything is annotated.
    """
    results = _native.annotate_many_json(texts, threads=threads, rules_only=rules_only)
    loads = json.loads
    if with_warnings:
        return [(loads(out), [{"code": c, "message": m} for c, m in ws]) for out, ws in results]
    docs = []
    for i, (out, ws) in enumerate(results):
        if ws:
            _warn(ws, prefix=f"texts[{i}]: ")
        docs.append(loads(out))
    return docs


def validate(obj: str | bytes | Mapping[str, Any]) -> None:
    """Check an annotation file completely, as ``saywho validate`` does.

    ``obj`` is the file's JSON text (``str`` or UTF-8 ``bytes``) or the parsed
    document (a dict). Returns ``None`` when valid; raises
    :class:`ValidationError` naming the exact value that is wrong otherwise:
    the format and version, every field's type, every span (non-empty, inside
    the text, its ``text`` equal to what it covers), unique ids, resolving
    ``entity`` references. Unknown fields are ignored.
    """
    if isinstance(obj, (bytes, bytearray)):
        try:
            obj = bytes(obj).decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValidationError("", f"is not UTF-8 text: invalid byte 0x{obj[e.start]:02X} at byte offset {e.start}") from None
    elif isinstance(obj, Mapping):
        try:
            # ASCII escapes carry any lone surrogate to the validator, which names it.
            obj = json.dumps(obj, ensure_ascii=True, allow_nan=False)
        except (TypeError, ValueError) as e:
            raise ValidationError("", f"is not JSON data: {e}") from None
    elif not isinstance(obj, str):
        raise TypeError(f"validate takes the file's JSON text or the document as a dict, not {type(obj).__name__}")
    error = _native.validate_json(obj)
    if error is not None:
        raise ValidationError(*error)


def _require_pandas():
    try:
        import pandas
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("quotes_frame and entities_frame need pandas: pip install 'saywho[pandas]'") from None
    return pandas


def _pairs(docs: Iterable[Mapping[str, Any]] | Mapping[Any, Mapping[str, Any]], ids: Iterable[Any] | None):
    """(doc_id, document) pairs: from a mapping id -> document, from ``ids``, or numbered from 0."""
    if isinstance(docs, Mapping) and "format" not in docs:
        if ids is not None:
            raise TypeError("ids cannot be given when docs is a mapping of id to document")
        return list(docs.items())
    if isinstance(docs, Mapping):
        docs = [docs]
    docs = list(docs)
    ids = list(range(len(docs))) if ids is None else list(ids)
    if len(ids) != len(docs):
        raise ValueError(f"{len(ids)} ids for {len(docs)} documents")
    return list(zip(ids, docs))


QUOTE_COLUMNS = [
    "doc_id", "quote_id", "kind", "start", "end", "text",
    "speaker", "speaker_start", "speaker_end",
    "entity", "entity_name", "entity_label",
    "cue", "cue_start", "cue_end", "origin",
]
ENTITY_COLUMNS = ["doc_id", "entity_id", "label", "name", "mentions", "quotes"]
_INT_COLUMNS = ["start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end", "mentions", "quotes"]


def _frame(pandas, rows: list[tuple], columns: list[str]):
    frame = pandas.DataFrame.from_records(rows, columns=columns)
    for c in columns:
        if c in _INT_COLUMNS:
            frame[c] = frame[c].astype("Int64")
    return frame


def quotes_frame(docs, ids=None):
    """One row per quote of ``docs``, as a pandas DataFrame.

    ``docs`` is a list of documents (from :func:`annotate_many`), one document,
    or a mapping ``{doc_id: document}``; ``ids`` optionally names the documents
    of a list (default: their positions). Columns: ``doc_id``, ``quote_id``,
    ``kind`` (direct/indirect/partial), ``start``/``end`` (code points),
    ``text``, ``speaker`` with ``speaker_start``/``speaker_end`` (the span
    naming who said it; missing when no one is named), ``entity`` with
    ``entity_name``/``entity_label`` (who the speaker resolves to), ``cue``
    with ``cue_start``/``cue_end``, ``origin``. Needs pandas (``saywho[pandas]``).
    """
    pandas = _require_pandas()
    rows = [row for doc_id, doc in _pairs(docs, ids) for row in _quote_rows(doc_id, doc)]
    return _frame(pandas, rows, QUOTE_COLUMNS)


def _quote_rows(doc_id: Any, doc: Mapping[str, Any]) -> list[tuple]:
    """The rows of :func:`quotes_frame` for one document."""
    entities = {e["id"]: e for e in doc["entities"]}
    rows = []
    for q in doc["quotes"]:
        speaker, cue = q.get("speaker") or {}, q.get("cue") or {}
        entity = entities.get(q.get("entity")) or {}
        rows.append((
            doc_id, q["id"], q["kind"], q["start"], q["end"], q["text"],
            speaker.get("text"), speaker.get("start"), speaker.get("end"),
            q.get("entity"), entity.get("name"), entity.get("label"),
            cue.get("text"), cue.get("start"), cue.get("end"), q["origin"],
        ))
    return rows


def entities_frame(docs, ids=None):
    """One row per entity of ``docs``, as a pandas DataFrame.

    ``docs`` and ``ids`` as in :func:`quotes_frame`. Columns: ``doc_id``,
    ``entity_id``, ``label`` (PERSON, ORG, LOC, MISC, DATE, MONEY, PERCENT or a
    user's own), ``name`` (the fullest mention), ``mentions`` (how often the
    text names it) and ``quotes`` (how many quotes are attributed to it):
    who gets quoted, per article. Needs pandas (``saywho[pandas]``).
    """
    pandas = _require_pandas()
    rows = []
    for doc_id, doc in _pairs(docs, ids):
        mentions: dict[str, int] = {}
        quotes: dict[str, int] = {}
        for m in doc["mentions"]:
            if m.get("entity") is not None:
                mentions[m["entity"]] = mentions.get(m["entity"], 0) + 1
        for q in doc["quotes"]:
            if q.get("entity") is not None:
                quotes[q["entity"]] = quotes.get(q["entity"], 0) + 1
        for e in doc["entities"]:
            rows.append((doc_id, e["id"], e["label"], e["name"], mentions.get(e["id"], 0), quotes.get(e["id"], 0)))
    return _frame(pandas, rows, ENTITY_COLUMNS)
