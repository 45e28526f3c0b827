"""The Python API against the CLI: same bytes, same errors, never a crash."""

import json
import warnings

import pandas
import pytest

import saywho


def test_export_is_the_cli_bytes_on_the_gold_articles(cli, gold_texts, tmp_path):
    for name, text in gold_texts.items():
        path = tmp_path / "article.txt"
        path.write_text(text, encoding="utf-8", newline="")
        for flags in ([], ["--rules-only"]):
            out = cli("annotate", *flags, str(path))
            assert out.returncode == 0, out.stderr
            want = out.stdout.decode("utf-8")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                got = saywho.annotate_json(text, rules_only=bool(flags))
            assert got == want, f"{name} {flags}"
            # The CLI's stderr warnings, one SaywhoWarning each.
            assert [f"warning: {w.message}" for w in caught] == out.stderr.decode("utf-8").splitlines()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", saywho.SaywhoWarning)
                doc = saywho.annotate(text, rules_only=bool(flags))
            assert doc == json.loads(want)
        assert list(doc) == ["format", "version", "text", "entities", "mentions", "quotes"]
        assert doc["quotes"] and doc["entities"], name


def check(text, *, error=None, message=None, warns=()):
    """Annotate `text`: it gives a document whose text is `text` and the
    warning codes `warns`, or raises `error` with `message` in its text."""
    if error is not None:
        with pytest.raises(error) as e:
            saywho.annotate(text)
        assert message in str(e.value), str(e.value)
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        doc = saywho.annotate(text)
        json_text = saywho.annotate_json(text)
    assert doc["text"] == text
    assert json.loads(json_text) == doc
    codes = sorted({w.message.code for w in caught if issubclass(w.category, saywho.SaywhoWarning)})
    assert codes == sorted(warns), (text[:40], codes)
    saywho.validate(doc)


def test_odd_input_never_crashes():
    cases = [
        ("", dict(warns=["empty-text"])),
        ("   \n\n\t ", dict(warns=["empty-text"])),
        ("NUL\x00 bytes\x00 are text, \"she said\x00.\"", dict()),
        ("\x00" * 1000, dict()),
        ("“Unclosed, she said.", dict(warns=["unclosed-quote"])),
        ("Emoji 👩‍🔬 and CRLF\r\n\r\n“Yes,” said Ana Lima.", dict()),
        ("\ufeffBOM kept as text.", dict()),
        ("\u0301\u200d\u2028\u2029\uffff \U0010ffff", dict()),
        ("word " * 200_000 + "\"Long,\" he said.", dict()),
        ("\"" * 5000, dict()),
        ("a\ud800b", dict(error=ValueError, message="lone surrogate U+D800 at character 1")),
        ("\udcff", dict(error=ValueError, message="lone surrogate U+DCFF at character 0")),
        (b"bytes", dict(error=TypeError, message="must be a str, not bytes (decode it first")),
        (None, dict(error=TypeError, message="must be a str, not NoneType")),
        (42, dict(error=TypeError, message="must be a str, not int")),
    ]
    for text, expect in cases:
        check(text, **expect)


def test_a_long_text_matches_the_cli(cli):
    text = ("“We will not stop,” said Maria Gomez, the union's leader. " * 3000)
    out = cli("annotate", "-", input=text.encode("utf-8"))
    assert saywho.annotate_json(text) == out.stdout.decode("utf-8")


def test_annotate_many_keeps_input_order_and_matches_annotate():
    texts = [f"“Point {i},” said Officer Number{i}. " * ((i * 37) % 40) for i in range(300)]
    expected = [saywho.annotate(t) for t in texts if t] + []
    for threads in (None, 1, 2, 7):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", saywho.SaywhoWarning)
            docs = saywho.annotate_many(texts, threads=threads)
        assert [d["text"] for d in docs] == texts
        assert [d for d in docs if d["text"]] == expected
    # Any iterable; warnings carry the text's index or come back with each document.
    with pytest.warns(saywho.SaywhoWarning, match=r"texts\[1\]: The text is empty"):
        assert len(saywho.annotate_many(iter(["He said so.", ""]))) == 2
    pairs = saywho.annotate_many(("", "x"), with_warnings=True)
    assert [w["code"] for w in pairs[0][1]] == ["empty-text"] and pairs[1][1] == []
    assert saywho.annotate_many([]) == []


def test_annotate_many_rejects_bad_items_by_index():
    cases = [
        (["ok", "a\udfffb"], ValueError, "texts[1] contains a lone surrogate U+DFFF at character 1"),
        (["ok", None], TypeError, "texts[1] must be a str, not NoneType"),
        ("one string", TypeError, "not one str"),
        (5, TypeError, "texts must be an iterable of str"),
    ]
    for texts, error, message in cases:
        with pytest.raises(error) as e:
            saywho.annotate_many(texts)
        assert message in str(e.value)
    for threads in (0, -3):
        with pytest.raises(ValueError, match="threads must be 1 or more"):
            saywho.annotate_many(["x"], threads=threads)


def test_validate_gives_the_cli_errors(cli, gold_texts, tmp_path):
    good = saywho.annotate(next(iter(gold_texts.values())))
    saywho.validate(good)
    saywho.validate(json.dumps(good))
    saywho.validate(json.dumps(good).encode("utf-8"))
    speaker = next(i for i, q in enumerate(good["quotes"]) if q["speaker"])
    edits = [
        lambda d: d["quotes"][speaker]["speaker"].update(text=d["quotes"][speaker]["speaker"]["text"] + "x"),
        lambda d: d.update(version=2),
        lambda d: d.update(format="other"),
        lambda d: d["mentions"][0].update(start=10**9),
        lambda d: d["mentions"][1].update(entity="E999"),
        lambda d: d["entities"][1].update(id=d["entities"][0]["id"]),
        lambda d: d["quotes"][0].update(kind="shouted"),
        lambda d: d.pop("mentions"),
        lambda d: d["mentions"][0].update(start=1.5),
    ]
    for edit in edits:
        doc = json.loads(json.dumps(good))
        edit(doc)
        path = tmp_path / "edited.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        out = cli("validate", str(path))
        assert out.returncode == 1
        want = out.stderr.decode("utf-8").strip().removeprefix(f"error: {path}: ")
        for form in (doc, path.read_text(encoding="utf-8")):
            with pytest.raises(saywho.ValidationError) as e:
                saywho.validate(form)
            assert str(e.value) == want
            assert e.value.path and e.value.message in want
    cut = json.dumps(good)[:100]
    out = cli("validate", "-", input=cut.encode("utf-8"))
    with pytest.raises(saywho.ValidationError) as e:
        saywho.validate(cut)
    assert out.stderr.decode("utf-8").strip() == f"error: standard input: {e.value}"
    with pytest.raises(TypeError):
        saywho.validate(3)


def test_frames_give_one_row_per_quote_and_per_entity(gold_texts):
    names = list(gold_texts)
    docs = saywho.annotate_many(gold_texts.values())
    quotes = saywho.quotes_frame(docs, ids=names)
    assert len(quotes) == sum(len(d["quotes"]) for d in docs)
    assert list(quotes.columns) == saywho.QUOTE_COLUMNS
    for (_, row), q in zip(quotes.iterrows(), [(n, q) for n, d in zip(names, docs) for q in d["quotes"]]):
        name, q = q
        doc = docs[names.index(name)]
        assert row["doc_id"] == name and row["quote_id"] == q["id"] and row["kind"] == q["kind"]
        assert doc["text"][row["start"]:row["end"]] == row["text"]
        if q["speaker"]:
            assert doc["text"][row["speaker_start"]:row["speaker_end"]] == row["speaker"]
        else:
            assert pandas.isna(row["speaker"]) and pandas.isna(row["speaker_start"])
        if q["entity"]:
            entity = next(e for e in doc["entities"] if e["id"] == q["entity"])
            assert (row["entity_name"], row["entity_label"]) == (entity["name"], entity["label"])
        else:
            assert pandas.isna(row["entity_name"])
    entities = saywho.entities_frame(dict(zip(names, docs)))
    assert len(entities) == sum(len(d["entities"]) for d in docs)
    assert entities["mentions"].sum() == sum(1 for d in docs for m in d["mentions"] if m["entity"])
    assert entities["quotes"].sum() == sum(1 for d in docs for q in d["quotes"] if q["entity"])
    assert len(saywho.quotes_frame([])) == 0 and list(saywho.entities_frame([]).columns) == saywho.ENTITY_COLUMNS
    with pytest.raises(ValueError, match="2 ids for 3 documents"):
        saywho.quotes_frame(docs, ids=names[:2])
