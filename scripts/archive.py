#!/usr/bin/env python3
"""Archives with saywho's Python package (crates/saywho-py), on Dask.

    python scripts/archive.py run ARCHIVE OUT [--scheduler tcp://host:8786] [--workers N] ...
        annotate a JSON Lines or Parquet archive (saywho.archive; see its --help)
    python scripts/archive.py sample N OUT.jsonl
        write an archive of N articles cut from the gold articles and the GUM
        texts in ../shared (for tests and measurements; nobody tuned for GUM)
    python scripts/archive.py compare ARCHIVE.jsonl [--saywho target/release/saywho]
        throughput of annotate_many against `saywho batch` on the same archive,
        both in this one run

Run it with the Python of the virtual environment scripts/setup.sh makes
(`${SAYWHO_TOOLS:-~/.cache/saywho-tools}/venv/bin/python`) after
`bash scripts/test.sh` or `maturin build` + `pip install` of the wheel.
"""

from __future__ import annotations

import glob
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SAYWHO_SHARED", os.path.join(ROOT, "..", "shared"))


def gum_text(path: str) -> str:
    """The raw text of a GUM .conllu file, rebuilt as scripts/eval/gum.py does:
    tokens joined by their SpaceAfter, sentences by a space, paragraphs by a blank line."""
    text = ""
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("# newpar") and text:
            text = text.rstrip(" ") + "\n\n"
        if line.startswith("#"):
            continue
        if not line.strip():
            if text and not text.endswith((" ", "\n")):
                text += " "
            continue
        f = line.split("\t")
        if "-" in f[0] or "." in f[0]:
            continue
        text += f[1]
        if "SpaceAfter=No" not in f[9]:
            text += " "
    return text.strip()


def source_texts() -> list[str]:
    """The three gold articles and every GUM text (train, dev, test)."""
    gold = [json.load(open(p, encoding="utf-8"))["text"] for p in sorted(glob.glob(f"{SHARED}/eval/gold/*.json"))]
    gum = [gum_text(p) for p in sorted(glob.glob(f"{SHARED}/data/gum/*/*.conllu"))]
    if not gold:
        sys.exit(f"no gold articles under {SHARED}/eval/gold (set SAYWHO_SHARED)")
    return gold + gum


def sample(n: int, out: str) -> None:
    """N articles: each a run of paragraphs of one source text, chosen by the
    article's number so the archive is the same on every machine."""
    paragraphs = [[p for p in t.split("\n\n") if p.strip()] for t in source_texts()]
    words = 0
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            ps = paragraphs[i % len(paragraphs)]
            start = (i * 7919) % len(ps)
            length = 1 + (i * 104729) % max(1, min(len(ps), 24))
            text = "\n\n".join(ps[start:start + length])
            words += len(text.split())
            f.write(json.dumps({"id": f"doc-{i:06d}", "text": text}, ensure_ascii=False) + "\n")
    print(f"{out}: {n} articles, {words} words, from {len(paragraphs)} source texts", file=sys.stderr)


def compare(archive: str, saywho_bin: str, threads: int | None, rounds: int = 2) -> None:
    """annotate_many and `saywho batch` on the same archive, alternating, in one run
    (the machine may be shared: each round times both, the best of each is kept)."""
    import saywho

    records = [json.loads(l) for l in open(archive, encoding="utf-8") if l.strip()]
    texts = [r["text"] for r in records]
    words = sum(len(t.split()) for t in texts)
    cli, py = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        with open(archive, "rb") as src:
            subprocess.run([saywho_bin, "batch"], stdin=src, stdout=subprocess.DEVNULL, check=True)
        cli.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        docs = saywho.annotate_many(texts, threads=threads, with_warnings=True)
        py.append(time.perf_counter() - t0)
        assert len(docs) == len(texts)
        del docs
    print(json.dumps({
        "documents": len(texts), "words": words, "cores": os.cpu_count(),
        "cli_batch_seconds": [round(t, 3) for t in cli], "cli_batch_words_per_second": round(words / min(cli)),
        "annotate_many_seconds": [round(t, 3) for t in py], "annotate_many_words_per_second": round(words / min(py)),
        "annotate_many_vs_cli": round(min(cli) / min(py), 3),
    }, indent=2))


def main() -> int:
    args = sys.argv[1:]
    if args[:1] == ["run"]:
        from saywho.archive import main as run_main
        return run_main(args[1:])
    if args[:1] == ["sample"] and len(args) == 3:
        sample(int(args[1]), args[2])
        return 0
    if args[:1] == ["compare"] and len(args) >= 2:
        bin_ = args[args.index("--saywho") + 1] if "--saywho" in args else os.path.join(ROOT, "target/release/saywho")
        threads = int(args[args.index("--threads") + 1]) if "--threads" in args else None
        compare(args[1], bin_, threads)
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
