"""The Dask run on a 2-worker LocalCluster equals `saywho batch`, record for record."""

import json
import os

import pandas
import pytest

import saywho
from saywho import archive


def make_archive(gold_texts, n):
    """n articles cut from the gold articles (runs of paragraphs), plus odd ones."""
    paragraphs = [[p for p in t.split("\n\n") if p.strip()] for t in gold_texts.values()]
    records = []
    for i in range(n):
        ps = paragraphs[i % 3]
        start = (i * 7919) % len(ps)
        records.append({"id": f"doc-{i:05d}", "text": "\n\n".join(ps[start:start + 1 + i % 5])})
    records[10]["text"] = ""
    records[11]["text"] = "NUL\x00 and “unclosed, she said."
    records[12]["text"] = "👩‍🔬 “Emoji,” said Ana Lima.\r\n"
    return records


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, Client(c) as client:
        yield client


def read_parts(folder):
    parts = sorted(os.listdir(folder))
    assert parts and all(p.startswith("part-") for p in parts)
    return pandas.concat([pandas.read_parquet(os.path.join(folder, p)) for p in parts], ignore_index=True)


def test_a_distributed_run_equals_the_cli_batch(cluster, cli, gold_texts, tmp_path):
    records = make_archive(gold_texts, 2400)
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    batch = cli("batch", input=path.read_bytes())
    assert batch.returncode == 0, batch.stderr
    want = [json.loads(l) for l in batch.stdout.decode("utf-8").splitlines()]
    assert len(want) == len(records)

    # Small blocks: many partitions, so both workers take part and order matters.
    summary = archive.run(str(path), str(tmp_path / "out"), client=cluster, blocksize="64KiB", progress=False)
    assert summary["documents"] == len(records) and summary["errors"] == 0
    assert summary["partitions"] > 4 and len(summary["peak_rss_mb_per_worker"]) == 2

    docs = read_parts(tmp_path / "out" / "documents")
    assert len(docs) == len(want)
    for row, rec in zip(docs.itertuples(), want):
        assert row.id == rec["id"]
        assert json.loads(row.annotations) == rec["annotations"], rec["id"]
        assert json.loads(row.warnings) == rec["warnings"], rec["id"]
        assert pandas.isna(row.error)
    # Byte for byte too: the annotations column is batch's `annotations` text.
    line = batch.stdout.decode("utf-8").splitlines()[12]
    assert f',"annotations":{docs.annotations[12]},"warnings":' in line

    quotes = read_parts(tmp_path / "out" / "quotes")
    expected = saywho.quotes_frame([r["annotations"] for r in want], ids=[r["id"] for r in want])
    assert summary["quotes"] == len(expected) > 2400
    pandas.testing.assert_frame_equal(quotes, expected, check_dtype=False)

    # A second run into the same folder must be asked for.
    with pytest.raises(FileExistsError):
        archive.run(str(path), str(tmp_path / "out"), client=cluster, progress=False)


def test_parquet_input_and_bad_records_give_error_rows(cluster, gold_texts, tmp_path):
    text = next(iter(gold_texts.values()))
    # A JSON Lines archive with every kind of bad line (Parquet cannot even store a lone surrogate).
    lines = [json.dumps({"id": 1, "text": text}), "not json", json.dumps({"text": "no id"}),
             json.dumps({"id": 4, "text": "x\ud800"}), json.dumps({"id": {"k": 5}, "text": "“Fine,” he said."}),
             json.dumps({"id": 6, "text": 7})]
    (tmp_path / "bad.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = archive.run(str(tmp_path / "bad.jsonl"), str(tmp_path / "bad"), client=cluster, progress=False)
    assert summary["errors"] == 4
    docs = read_parts(tmp_path / "bad" / "documents")
    assert [None if pandas.isna(i) else i for i in docs.id] == ["1", None, None, "4", '{"k":5}', "6"]
    errors = list(docs.error)
    assert pandas.isna(errors[0]) and pandas.isna(errors[4])
    for got, fragment in zip([errors[1], errors[2], errors[3], errors[5]],
                             ["not valid JSON", "missing \"id\"", "lone surrogate U+D800", "must be a string, not int"]):
        assert fragment in got
    assert json.loads(docs.annotations[0]) == saywho.annotate(text)

    src = tmp_path / "in.parquet"
    pandas.DataFrame({"id": [10, 20], "text": [text, ""]}).to_parquet(src)
    summary = archive.run(str(src), str(tmp_path / "pq"), client=cluster, progress=False)
    docs = read_parts(tmp_path / "pq" / "documents")
    assert list(docs.id) == [10, 20] and summary["errors"] == 0
    assert json.loads(docs.warnings[1]) == [{"code": "empty-text", "message": "The text is empty: there is nothing to annotate."}]
    quotes = read_parts(tmp_path / "pq" / "quotes")
    assert set(quotes.doc_id) == {10}


def test_spark_functions_map_batches_of_articles(gold_texts):
    names, texts = list(gold_texts), list(gold_texts.values())
    batches = [pandas.DataFrame({"id": names[:2], "text": texts[:2]}), pandas.DataFrame({"id": names[2:], "text": texts[2:]})]
    docs = pandas.concat(list(archive.spark_documents(iter(batches))), ignore_index=True)
    assert [json.loads(a) for a in docs.annotations] == [saywho.annotate(t) for t in texts]
    quotes = pandas.concat(list(archive.spark_quotes(iter(batches))), ignore_index=True)
    pandas.testing.assert_frame_equal(quotes, saywho.quotes_frame([saywho.annotate(t) for t in texts], ids=names))
    assert [c.split()[0].strip("`") for c in archive.QUOTES_DDL.split(", ")] == saywho.QUOTE_COLUMNS
    assert [c.split()[0].strip("`") for c in archive.DOCUMENTS_DDL.split(", ")] == archive.DOCUMENT_COLUMNS
    assert "`quote_id` string" in archive.QUOTES_DDL and "`cue_end` long" in archive.QUOTES_DDL
