"""Annotate a news archive on a Dask cluster, one machine or many.

    python -m saywho.archive ARCHIVE OUT [--scheduler tcp://scheduler:8786]

``ARCHIVE`` is JSON Lines (``{"id": ..., "text": ...}`` per line, as for
``saywho batch``; ``.gz`` too) or Parquet (a file, a folder or a glob, with
``id`` and ``text`` columns). Each partition is annotated on a worker with
:func:`saywho.annotate_many` and written by that worker as it finishes:

- ``OUT/documents/part-NNNNN.parquet``: one row per article, ``id``,
  ``annotations`` (the annotation file on one line, byte for byte the
  ``annotations`` of ``saywho batch``), ``warnings`` (JSON, as batch's
  ``warnings``) and ``error`` (why a line could not be annotated, else null);
- ``OUT/quotes/part-NNNNN.parquet``: one row per quote, the columns of
  :func:`saywho.quotes_frame` with ``doc_id`` the article's id.

Memory stays bounded: only the partitions being worked on are in memory, and
no result comes back to the client but a few counts per partition. Without
``--scheduler`` a ``LocalCluster`` of ``--workers`` processes runs here.

For PySpark, :func:`spark_documents` and :func:`spark_quotes` are
``mapInPandas`` functions, with the schemas in :data:`DOCUMENTS_DDL` and
:data:`QUOTES_DDL` (see the repository README, "Archives and Python").
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import sys
import time
from typing import Any, Iterable, Iterator

import saywho
from saywho import _native

DOCUMENT_COLUMNS = ["id", "annotations", "warnings", "error"]
# Spark DDL schemas for mapInPandas (backquoted: `end` is a keyword in ANSI mode).
DOCUMENTS_DDL = "`id` string, `annotations` string, `warnings` string, `error` string"
QUOTES_DDL = ", ".join(
    f"`{c}` {'long' if c in ('start', 'end', 'speaker_start', 'speaker_end', 'cue_start', 'cue_end') else 'string'}"
    for c in saywho.QUOTE_COLUMNS
)


def _compact(value: Any) -> str:
    """JSON as serde_json writes it compactly (batch's ``warnings`` field)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def annotate_records(records: Iterable[tuple[Any, Any]], *, threads: int | None = None, rules_only: bool = False):
    """Annotate ``(id, text)`` pairs; returns ``(documents, quotes)`` DataFrames.

    A text that is not a ``str`` (missing, null, a number) or holds a lone
    surrogate gives a row with its ``error`` instead of stopping the
    partition, as one bad line never stops ``saywho batch``.
    """
    import pandas

    records = list(records)
    good: list[int] = []
    texts: list[str] = []
    errors: dict[int, str] = {}
    for i, (doc_id, text) in enumerate(records):
        if not isinstance(text, str):
            errors[i] = "missing \"text\": the article to annotate" if text is None else f"\"text\" must be a string, not {type(text).__name__}"
            continue
        good.append(i)
        texts.append(text)
    try:
        results = _native.annotate_many_json(texts, threads=threads, rules_only=rules_only)
    except ValueError:
        # A lone surrogate somewhere: find it text by text, annotate the rest.
        results = []
        kept_good, kept_texts = [], []
        for i, text in zip(good, texts):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError as e:
                errors[i] = f"the text contains a lone surrogate U+{ord(text[e.start]):04X} at character {e.start}: not valid Unicode text"
                continue
            kept_good.append(i)
            kept_texts.append(text)
        good, texts = kept_good, kept_texts
        results = _native.annotate_many_json(texts, threads=threads, rules_only=rules_only)
    doc_rows: list[tuple | None] = [None] * len(records)
    quote_rows: list[tuple] = []
    words = 0
    for i, (out, warnings) in zip(good, results):
        doc_id = records[i][0]
        ws = [{"code": c, "message": m} for c, m in warnings]
        doc_rows[i] = (doc_id, out, _compact(ws), None)
        # One document's dicts at a time: a partition's would take far more memory than its JSON.
        doc = json.loads(out)
        quote_rows.extend(saywho._quote_rows(doc_id, doc))
        words += len(doc["text"].split())
    del results
    for i, message in errors.items():
        doc_rows[i] = (records[i][0], None, None, message)
    documents = pandas.DataFrame.from_records(doc_rows, columns=DOCUMENT_COLUMNS)
    # Words (whitespace-separated) annotated, for the throughput figure.
    documents.attrs["words"] = words
    quotes = saywho._frame(pandas, quote_rows, saywho.QUOTE_COLUMNS)
    return documents, quotes


def _id_text(doc_id: Any) -> Any:
    """Ids from JSON Lines as strings (Parquet needs one type per column):
    a string as it is, anything else as its JSON."""
    return doc_id if isinstance(doc_id, str) or doc_id is None else _compact(doc_id)


def parse_lines(lines: Iterable[str]) -> Iterator[tuple[Any, Any]]:
    """``(id, text)`` pairs from JSON Lines; a line that is not an object with
    an id gives ``(None, error message)`` wrapped as an error marker."""
    for line in lines:
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as e:
            yield None, _LineError(f"the line is not valid JSON: {e}")
            continue
        if not isinstance(value, dict):
            yield None, _LineError("expected an object {\"id\": …, \"text\": …}")
        elif value.get("id") is None:
            yield None, _LineError("missing \"id\": each line needs an id to match its output to its input")
        else:
            yield _id_text(value["id"]), value.get("text")


class _LineError(str):
    """An error found while reading a line, carried in place of its text."""


def annotate_lines(lines: Iterable[str], **kw):
    """:func:`annotate_records` over JSON Lines, errors kept as error rows."""
    records = list(parse_lines(lines))
    line_errors = {i: str(t) for i, (_, t) in enumerate(records) if isinstance(t, _LineError)}
    documents, quotes = annotate_records([(d, None if isinstance(t, _LineError) else t) for d, t in records], **kw)
    for i, message in line_errors.items():
        documents.at[i, "error"] = message
    return documents, quotes


def spark_documents(batches: Iterator[Any], *, id_column: str = "id", text_column: str = "text") -> Iterator[Any]:
    """PySpark ``mapInPandas`` function: a DataFrame of articles per batch in,
    its documents out (schema :data:`DOCUMENTS_DDL`)."""
    for batch in batches:
        yield annotate_records(zip(batch[id_column].astype(str), batch[text_column]), threads=1)[0]


def spark_quotes(batches: Iterator[Any], *, id_column: str = "id", text_column: str = "text") -> Iterator[Any]:
    """PySpark ``mapInPandas`` function: articles in, one row per quote out
    (schema :data:`QUOTES_DDL`)."""
    for batch in batches:
        yield annotate_records(zip(batch[id_column].astype(str), batch[text_column]), threads=1)[1]


def _write(frame, path: str, schema=None) -> None:
    import fsspec
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
    with fsspec.open(path, "wb") as f:
        pq.write_table(table, f)


def _schemas(id_type):
    import pyarrow as pa

    s, i = pa.string(), pa.int64()
    documents = pa.schema([("id", id_type), ("annotations", s), ("warnings", s), ("error", s)])
    types = {"start": i, "end": i, "speaker_start": i, "speaker_end": i, "cue_start": i, "cue_end": i}
    quotes = pa.schema([("doc_id", id_type)] + [(c, types.get(c, s)) for c in saywho.QUOTE_COLUMNS[1:]])
    return documents, quotes


def _task_threads(host_threads: dict[str, int], threads: int | None) -> int:
    """Threads for annotate_many in a task: the given number, or this machine's
    cores shared among the Dask threads running on it."""
    if threads:
        return threads
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, cores // max(1, host_threads.get(socket.gethostname(), 1)))


def annotate_partition(part, index: int, out: str, kind: str, options: dict) -> dict:
    """One Dask task: annotate a partition (a list of JSON lines or a pandas
    DataFrame), write its two Parquet files, return counts for the summary."""
    import pyarrow as pa

    t0 = time.perf_counter()
    threads = _task_threads(options["host_threads"], options["threads"])
    kw = {"threads": threads, "rules_only": options["rules_only"]}
    if kind == "jsonl":
        documents, quotes = annotate_lines(part, **kw)
        id_type = pa.string()
    else:
        documents, quotes = annotate_records(zip(part[options["id_column"]], part[options["text_column"]]), **kw)
        id_type = pa.Schema.from_pandas(part[[options["id_column"]]], preserve_index=False).field(0).type
    doc_schema, quote_schema = _schemas(id_type)
    name = f"part-{index:05d}.parquet"
    _write(documents, f"{out}/documents/{name}", doc_schema)
    _write(quotes, f"{out}/quotes/{name}", quote_schema)
    return {
        "documents": len(documents),
        "errors": int(documents["error"].notna().sum()),
        "quotes": len(quotes),
        "words": documents.attrs["words"],
        "seconds": time.perf_counter() - t0,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _blocksize(archive: str, threads: int) -> int:
    """Bytes per JSON Lines partition: 16 MiB, or less so that every Dask
    thread gets about four partitions (a small archive still uses them all)."""
    import fsspec

    fs, _, paths = fsspec.get_fs_token_paths(archive)
    total = sum(fs.size(p) for p in paths)
    return int(max(1 << 20, min(16 << 20, total // max(1, 4 * threads))))


def run(
    archive: str,
    out: str,
    *,
    client=None,
    blocksize: str | int | None = None,
    id_column: str = "id",
    text_column: str = "text",
    threads: int | None = None,
    rules_only: bool = False,
    overwrite: bool = False,
    progress: bool = True,
) -> dict:
    """Annotate ``archive`` into ``out`` on the Dask ``client`` (default: the
    current one). Returns the summary: documents, errors, quotes, words,
    seconds, words per second and the peak memory of each worker process."""
    import dask
    import dask.bag
    import dask.dataframe
    import fsspec
    from distributed import as_completed, default_client

    client = client or default_client()
    fs, _, [root] = fsspec.get_fs_token_paths(out)
    for sub in ("documents", "quotes"):
        old = fs.glob(f"{root}/{sub}/part-*.parquet")
        if old and not overwrite:
            raise FileExistsError(f"{out}/{sub} already holds results ({len(old)} parts); pass overwrite=True (--overwrite) to replace them")
        for path in old:
            fs.rm(path)
        fs.makedirs(f"{root}/{sub}", exist_ok=True)

    if archive.endswith((".parquet", "/")) or os.path.isdir(archive):
        parts = dask.dataframe.read_parquet(archive, columns=[id_column, text_column]).to_delayed()
        kind = "parquet"
    else:
        compressed = archive.endswith((".gz", ".bz2", ".xz", ".zst"))
        if blocksize is None and not compressed:
            blocksize = _blocksize(archive, sum(w["nthreads"] for w in client.scheduler_info()["workers"].values()))
        bag = dask.bag.read_text(archive, blocksize=None if compressed else blocksize, compression="infer")
        parts = bag.to_delayed()
        kind = "jsonl"

    # Each worker knows its machine by hostname: count the Dask threads per machine.
    workers = client.scheduler_info()["workers"]
    host_threads: dict[str, int] = {}
    for addr, name in client.run(socket.gethostname).items():
        host_threads[name] = host_threads.get(name, 0) + workers[addr]["nthreads"]
    options = {
        "host_threads": host_threads, "threads": threads, "rules_only": rules_only,
        "id_column": id_column, "text_column": text_column,
    }
    task = dask.delayed(annotate_partition, pure=False)
    t0 = time.perf_counter()
    futures = client.compute([task(p, i, out, kind, options) for i, p in enumerate(parts)])
    stats = []
    tty = sys.stderr.isatty()
    for future in as_completed(futures):
        stats.append(future.result())
        if progress:
            done = sum(s["documents"] for s in stats)
            rate = sum(s["words"] for s in stats) / (time.perf_counter() - t0)
            line = f"saywho archive: {len(stats)}/{len(futures)} partitions, {done:,} documents, {rate:,.0f} words/s"
            print("\r" + line if tty else line, end="" if tty else "\n", file=sys.stderr, flush=True)
    if progress and tty:
        print(file=sys.stderr)
    seconds = time.perf_counter() - t0
    peak: dict[str, float] = {}
    for s in stats:
        key = f"{s['host']}:{s['pid']}"
        peak[key] = max(peak.get(key, 0.0), s["peak_rss_mb"])
    summary = {k: sum(s[k] for s in stats) for k in ("documents", "errors", "quotes", "words")}
    summary.update(partitions=len(stats), seconds=seconds, words_per_second=summary["words"] / seconds if seconds else 0.0,
                   peak_rss_mb_per_worker=peak)
    return summary


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m saywho.archive", description=__doc__.split("\n\n")[0])
    p.add_argument("archive", help="JSON Lines file (.jsonl, .jsonl.gz; globs allowed) or Parquet file/folder")
    p.add_argument("out", help="output folder (local path or an fsspec URL such as s3://bucket/run)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://scheduler:8786 (default: a local cluster)")
    p.add_argument("--workers", type=int, default=None, help="local cluster: worker processes (default: every core)")
    p.add_argument("--blocksize", default=None, help="JSON Lines: bytes per partition, e.g. 16MiB (default: 16MiB, less for a small archive)")
    p.add_argument("--threads", type=int, default=None, help="annotate_many threads per task (default: the cores shared by the Dask threads of the machine)")
    p.add_argument("--id-column", default="id")
    p.add_argument("--text-column", default="text")
    p.add_argument("--rules-only", action="store_true", help="leave the statistical models out, as the CLI's --rules-only")
    p.add_argument("--overwrite", action="store_true", help="replace the results of an earlier run in OUT")
    p.add_argument("--no-progress", action="store_true")
    a = p.parse_args(argv)

    from distributed import Client, LocalCluster

    if a.scheduler:
        client = Client(a.scheduler)
        cluster = None
    else:
        cluster = LocalCluster(n_workers=a.workers or os.cpu_count() or 1, threads_per_worker=1, processes=True)
        client = Client(cluster)
    print(f"saywho archive: dashboard at {client.dashboard_link}", file=sys.stderr)
    try:
        summary = run(a.archive, a.out, client=client, blocksize=a.blocksize, id_column=a.id_column,
                      text_column=a.text_column, threads=a.threads, rules_only=a.rules_only,
                      overwrite=a.overwrite, progress=not a.no_progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print(json.dumps(summary, indent=2))
    if summary["errors"]:
        print(f"saywho archive: {summary['errors']} of {summary['documents']} records could not be annotated "
              "(see the \"error\" column of documents/)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
