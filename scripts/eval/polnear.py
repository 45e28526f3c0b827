#!/usr/bin/env python3
"""Quotes and speakers on real news: saywho on PolNeAR, scored by the shared scorer.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) is 1,008 US political news
articles with every attribution annotated (source, cue, content). It has no
licence: nothing of it, nor anything derived from it, is ever committed or
trained into a shipped model. This script converts a fetched copy into scorer
gold in a scratch folder, annotates the texts with the CLI's `batch` and prints
the scorer's figures plus a table of recall and attribution per cue.

  scripts/eval/polnear.py [--mirror GIT_DIR] [--split dev|train] [--out DIR]
                          [--bin target/release/saywho] [--rules-only] [--top N]
                          [--explain] [--json]

Dev measures; train is for reading errors; the test split is refused (it is
kept for outside checks). Get the corpus with the search tool's fetch of
github:networkdynamics/PolNeAR; the default mirror path is where it lands.

A cue counts as speech when one of its words is a form in
crates/saywho-core/data/lexicon/reporting_verbs.txt (or "according"); the rest
(beliefs, perceptions, stances: "believes", "praised") is reported apart, since
saywho exports speech and writing only.
"""
import argparse
import contextlib
import io
import importlib.util
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DEFAULT_MIRROR = Path("/work/.mirror/networkdynamics+PolNeAR/repo")
LEXICON = ROOT / "crates/saywho-core/data/lexicon/reporting_verbs.txt"


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def convert(mirror, split, gold_dir):
    """Runs the shared converter. A few train files have an annotated span that
    runs over a line break, which breaks its line-based reading of brat files:
    those continuation lines are dropped (only the stored span text is cut)."""
    spec = importlib.util.spec_from_file_location("polnear_to_gold", SHARED / "eval/polnear_to_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    plain = mod.git

    def git_tolerant(repo, *a):
        out = plain(repo, *a)
        if a and a[0] == "show" and a[-1].endswith(".ann"):
            out = "\n".join(l for l in out.splitlines() if re.match(r"[TEARNM#]\d*\t", l)) + "\n"
        return out

    mod.git = git_tolerant
    argv = sys.argv
    sys.argv = ["polnear_to_gold.py", str(mirror), split, str(gold_dir)]
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            mod.main()
    finally:
        sys.argv = argv


def git(repo, *args):
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True).stdout.decode("utf-8")


def lemmas():
    """Every form of every reporting verb, mapped to its first form (the lemma)."""
    out = {"according": "according to"}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _, forms = line.split("\t", 1)
        forms = [f.strip().lower() for f in forms.split(",") if f.strip()]
        for f in forms:
            out.setdefault(f, forms[0])
    return out


def cues_by_content(repo, split):
    """(stem, content start, content end) -> cue text, from the same annotator file
    polnear_to_gold.py reads (the first in name order)."""
    anns = sorted(git(repo, "ls-tree", "--name-only", "HEAD", f"data/{split}/attributions/").split())
    texts = sorted(git(repo, "ls-tree", "--name-only", "HEAD", f"data/{split}/text/").split())
    out = {}
    for tpath in texts:
        stem = Path(tpath).stem
        cands = [a for a in anns if Path(a).name.startswith(stem + "_")]
        if not cands:
            continue
        spans, events = {}, []
        text = git(repo, "show", f"HEAD:{tpath}")
        for line in git(repo, "show", f"HEAD:{cands[0]}").splitlines():
            if line.startswith("T") and line.count("\t") >= 2:
                tid, mid, _ = line.split("\t", 2)
                _, frag = mid.split(" ", 1)
                spans[tid] = [tuple(map(int, p.split())) for p in frag.split(";")]
            elif line.startswith("E"):
                events.append(dict(x.split(":", 1) for x in line.split("\t", 1)[1].split()))
        for ev in events:
            if ev.get("Content") not in spans:
                continue
            cs = spans[ev["Content"]]
            key = (stem, min(a for a, _ in cs), max(b for _, b in cs))
            cue = " ".join(text[a:b] for a, b in spans.get(ev.get("Cue"), []))
            out[key] = cue
    return out


def cue_class(cue, forms):
    words = re.findall(r"[\w’'-]+", cue.lower())
    for i in range(len(words)):
        two = " ".join(words[i:i + 2])
        if two in forms:
            return forms[two], True
    for w in words:
        if w in forms:
            return forms[w], True
    return (words[-1] if words else "(no cue)"), False


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    ap.add_argument("--split", default="dev", choices=["dev", "train"])
    ap.add_argument("--out", type=Path, default=Path("/tmp/saywho-polnear"))
    ap.add_argument("--bin", type=Path, default=ROOT / "target/release/saywho")
    ap.add_argument("--rules-only", action="store_true")
    ap.add_argument("--top", type=int, default=25, help="rows of the per-cue table")
    ap.add_argument("--explain", action="store_true", help="print the scorer's misses and false alarms")
    ap.add_argument("--json", action="store_true", help="print the headline figures as JSON only")
    args = ap.parse_args()
    if not args.mirror.exists():
        sys.exit(f"no PolNeAR copy at {args.mirror}: fetch github:networkdynamics/PolNeAR first")
    if not args.bin.exists():
        sys.exit(f"no CLI at {args.bin}: run cargo build --release --bin saywho")

    gold_dir = args.out / f"gold-{args.split}"
    pred_dir = args.out / f"pred-{args.split}{'-rules' if args.rules_only else ''}"
    convert(args.mirror, args.split, gold_dir)
    pred_dir.mkdir(parents=True, exist_ok=True)
    stems = sorted(p.stem for p in gold_dir.glob("*.json"))
    records = "".join(json.dumps({"id": s, "text": (gold_dir / f"{s}.txt").read_text(encoding="utf-8")}) + "\n"
                      for s in stems)
    cmd = [str(args.bin), "batch"] + (["--rules-only"] if args.rules_only else [])
    out = subprocess.run(cmd, input=records.encode(), check=True, capture_output=True).stdout.decode("utf-8")
    for line in out.splitlines():
        rec = json.loads(line)
        doc = rec["annotations"]
        (pred_dir / f"{rec['id']}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    score = load_scorer()
    headline = json.loads(subprocess.run([sys.executable, str(SHARED / "eval/score.py"), "--gold-dir", str(gold_dir),
                                          "--pred-dir", str(pred_dir), "--json"],
                                         check=True, capture_output=True).stdout)
    if args.json:
        print(json.dumps({k: headline[k] for k in ("documents", "quotes", "attribution_accuracy", "quotes_with_speaker")}))
        return

    forms = lemmas()
    cues = cues_by_content(args.mirror, args.split)
    table = defaultdict(lambda: [0, 0, 0, 0])  # gold, found, with speaker, speaker right
    speech = defaultdict(lambda: [0, 0, 0, 0])
    lines = []
    for stem in stems:
        gold = json.loads((gold_dir / f"{stem}.json").read_text(encoding="utf-8"))
        pred = json.loads((pred_dir / f"{stem}.json").read_text(encoding="utf-8"))
        explain = []
        score.score_quotes(gold, pred, defaultdict(int), explain, stem)
        lines += explain
        missed = {m.group(1) for m in (re.search(r"quote FN \w+ +(\(\d+, \d+\))", x) for x in explain) if m}
        wrong = {m.group(1) for m in (re.search(r"speaker wrong (\(\d+, \d+\))", x) for x in explain) if m}
        for g in gold["quotes"]:
            key = str((g["start"], g["end"]))
            cls, is_speech = cue_class(cues.get((stem, g["start"], g["end"]), ""), forms)
            for row in (table[cls], speech["speech (lexicon cue)" if is_speech else "other (belief, stance, unknown cue)"]):
                row[0] += 1
                if key not in missed:
                    row[1] += 1
                    if g.get("speaker"):
                        row[2] += 1
                        row[3] += key not in wrong

    q, x = headline["quotes"], headline["quotes_with_speaker"]
    mode = "rules only" if args.rules_only else "rules + models"
    print(f"PolNeAR {args.split}, {headline['documents']} articles, {mode}")
    print(f"quotes        P {q['P']:.3f}  R {q['R']:.3f}  F1 {q['F1']:.3f}  (tp {q['tp']} fp {q['fp']} fn {q['fn']})")
    print(f"attribution   {headline['attribution_accuracy']:.3f}")
    print(f"quote+speaker P {x['P']:.3f}  R {x['R']:.3f}  F1 {x['F1']:.3f}")

    def show(title, rows):
        print(f"\n{title:36} {'gold':>5} {'recall':>7} {'attrib':>7}")
        for name, (n, found, ws, ok) in rows:
            print(f"{name[:36]:36} {n:5} {found / n:7.3f} {(ok / ws if ws else 0):7.3f}")

    show("share of attributions", sorted(speech.items()))
    show(f"cue (top {args.top} by count)", sorted(table.items(), key=lambda kv: -kv[1][0])[:args.top])
    if args.explain:
        print()
        print("\n".join(lines))


if __name__ == "__main__":
    main()
