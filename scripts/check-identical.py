#!/usr/bin/env python3
"""Proves a refactoring changed nothing: `saywho annotate` output, byte for byte.

Usage (from the repository root):
    python3 scripts/check-identical.py write DIR     # record outputs (the baseline)
    python3 scripts/check-identical.py compare DIR   # record afresh, diff against DIR

It builds the CLI (`cargo build --release -p saywho-cli --bin saywho`), then
runs `saywho annotate FILE` with the models and with `--rules-only` on:
  - the gold articles (`../shared/eval/gold/*.json`, their `text` field);
  - every GUM text (`../shared/data/gum/*/*.conllu`), rebuilt as
    scripts/eval/gum.py rebuilds it (tokens, SpaceAfter=No, `# newpar`);
  - the documents of the English-EWT test set (`# newdoc` in its .conllu);
  - the texts of the CLI tests (crates/saywho-cli/tests/cli.rs);
and keeps stdout (the export JSON), stderr (warnings) and the exit code of
each run. `compare` exits 1 and lists every input whose output differs.
`--exe PATH` skips the build and runs that binary instead; `--jobs N` runs
N annotations at a time (default 2).
"""
import argparse, concurrent.futures, glob, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(ROOT, '..', 'shared')


def conllu_text(lines):
    """The raw text of CoNLL-U lines, as scripts/eval/gum.py rebuilds it."""
    text = ''
    for line in lines:
        line = line.rstrip('\n')
        if line.startswith('# newpar') and text:
            text += '\n\n'
        if line.startswith('#'):
            continue
        if not line.strip():
            if text and not text.endswith('\n'):
                text += ' '
            continue
        f = line.split('\t')
        if '-' in f[0] or '.' in f[0]:
            continue
        text += f[1]
        if 'SpaceAfter=No' not in f[9]:
            text += ' '
    return text


def inputs():
    """(name, text) for every input, in a fixed order."""
    out = []
    for path in sorted(glob.glob(os.path.join(SHARED, 'eval/gold/*.json'))):
        out.append(('gold-' + os.path.basename(path)[:-5], json.load(open(path, encoding='utf-8'))['text']))
    gum = sorted(glob.glob(os.path.join(SHARED, 'data/gum/*/*.conllu')))
    for path in gum:
        out.append(('gum-' + os.path.basename(path)[:-7], conllu_text(open(path, encoding='utf-8'))))
    ewt = os.path.join(SHARED, 'data/ewt/ud-en_ewt-test.conllu')
    docs, cur = [], None
    for line in open(ewt, encoding='utf-8'):
        if line.startswith('# newdoc'):
            cur = [line.split('=', 1)[1].strip(), []]
            docs.append(cur)
        elif cur is not None:
            cur[1].append(line)
    for name, lines in docs:
        out.append(('ewt-' + name.replace('/', '_'), conllu_text(lines)))
    # The CLI tests' texts (crates/saywho-cli/tests/cli.rs, texts() and the lower-case one).
    cli = [
        "“We will not back down,” said Maria Okafor, the union's leader.",
        "Ahmed said the café’s prices rose 😀 by 5%.\n\nShe disagreed: „Nein.“",
        "line one\r\nline two\r\n",
        "   ",
        "",
        "\ufeffHe said so.",
        "yesterday i talked to john smith about the election in ohio.",
    ]
    for i, t in enumerate(cli):
        out.append((f'cli-{i}', t))
    return out


def run(exe, src, dst, rules):
    args = [exe, 'annotate'] + (['--rules-only'] if rules else []) + [src]
    p = subprocess.run(args, capture_output=True)
    with open(dst, 'wb') as f:
        f.write(p.stdout)
        f.write(b'\n--- stderr ---\n' + p.stderr + b'--- exit %d ---\n' % p.returncode)


def record(exe, out_dir, jobs):
    os.makedirs(out_dir, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix='saywho-identical-')
    tasks = []
    for name, text in inputs():
        src = os.path.join(tmp, name + '.txt')
        with open(src, 'wb') as f:
            f.write(text.encode('utf-8'))
        for rules in (False, True):
            tasks.append((src, os.path.join(out_dir, name + ('.rules' if rules else '.models') + '.out'), rules))
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        list(pool.map(lambda t: run(exe, *t), tasks))
    return len(tasks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('mode', choices=['write', 'compare'])
    ap.add_argument('dir')
    ap.add_argument('--exe')
    ap.add_argument('--jobs', type=int, default=2)
    a = ap.parse_args()
    exe = a.exe
    if not exe:
        subprocess.run(['cargo', 'build', '--release', '-q', '-p', 'saywho-cli', '--bin', 'saywho'], cwd=ROOT, check=True)
        target = os.environ.get('CARGO_TARGET_DIR', os.path.join(ROOT, 'target'))
        exe = os.path.join(target, 'release', 'saywho')
    if a.mode == 'write':
        n = record(exe, a.dir, a.jobs)
        print(f'{n} outputs written to {a.dir}')
        return
    fresh = tempfile.mkdtemp(prefix='saywho-identical-out-')
    n = record(exe, fresh, a.jobs)
    want, got = sorted(os.listdir(a.dir)), sorted(os.listdir(fresh))
    bad = sorted(set(want) ^ set(got))
    for name in sorted(set(want) & set(got)):
        if open(os.path.join(a.dir, name), 'rb').read() != open(os.path.join(fresh, name), 'rb').read():
            bad.append(name)
    for name in bad:
        print(f'differs: {name}  (diff {os.path.join(a.dir, name)} {os.path.join(fresh, name)})')
    print(f'{n} outputs compared with {a.dir}: {len(bad)} differ')
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
