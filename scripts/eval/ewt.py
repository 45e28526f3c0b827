"""Entity F1 (PER/ORG/LOC, exact spans) of saywho on an English-EWT Universal NER file.

Usage (from the repository root):
    cargo build --release -p saywho-core --example entities
    python3 scripts/eval/ewt.py ../shared/data/ewt/uner-en_ewt-test.iob2 [--explain] [--rules]

Each document's sentences are joined with spaces into one text; --rules scores
the rules alone (no statistical models); --explain writes every error to
/tmp/saywho-ewt-errors.txt.
"""
from report import report
import json, subprocess, sys, os, collections
path = sys.argv[1]; explain = '--explain' in sys.argv
docs = []  # (text, gold set of (s,e,label))
cur = None
def flush_sent(sent_text, toks):
    global cur
    base = len(cur['text']) + (1 if cur['text'] else 0)
    if cur['text']: cur['text'] += ' '
    cur['text'] += sent_text
    pos = 0; offs = []
    for w, tag in toks:
        i = sent_text.find(w, pos)
        if i < 0: offs.append(None); continue
        offs.append((base + i, base + i + len(w))); pos = i + len(w)
    span = None
    for (w, tag), o in zip(toks + [('', 'O')], offs + [None]):
        if span and (tag == 'O' or tag.startswith('B-')):
            cur['gold'].add(tuple(span)); span = None
        if tag.startswith('B-') and o: span = [o[0], o[1], tag[2:]]
        elif tag.startswith('I-') and span and o: span[1] = o[1]
sent_text = None; toks = []
for line in open(path, encoding='utf-8'):
    line = line.rstrip('\n')
    if line.startswith('# newdoc'):
        cur = {'text': '', 'gold': set()}; docs.append(cur)
    elif line.startswith('# text = '):
        sent_text = line[9:]; toks = []
    elif line.startswith('#'): pass
    elif not line.strip():
        if sent_text is not None: flush_sent(sent_text, toks); sent_text = None
    else:
        f = line.split('\t'); toks.append((f[1], f[2]))
if sent_text is not None: flush_sent(sent_text, toks)
exe = os.environ.get('SAYWHO_ENTITIES', os.path.join(os.environ.get('CARGO_TARGET_DIR', 'target'), 'release/examples/entities'))
tp = fp = fn = 0; byl = collections.Counter(); errs = []
MAP = {'PERSON': 'PER', 'ORG': 'ORG', 'LOC': 'LOC'}
for d in docs:
    open('/tmp/saywho-ewt-doc.txt', 'w').write(d['text'])
    out = json.loads(subprocess.run([exe, '/tmp/saywho-ewt-doc.txt'] + [a for a in ('--rules', '--model-only') if a in sys.argv], capture_output=True, text=True).stdout)
    pred = set((m['start'], m['end'], MAP[m['label']]) for m in out['mentions'] if m['label'] in MAP)
    t = d['text']
    for p in pred:
        if p in d['gold']: tp += 1; byl[p[2]+'_tp'] += 1
        else: fp += 1; byl[p[2]+'_fp'] += 1; errs.append(f"FP {p[2]} {t[p[0]:p[1]]!r}  | {t[max(0,p[0]-40):p[1]+30]!r}")
    for g in d['gold']:
        if g not in pred: fn += 1; byl[g[2]+'_fn'] += 1; errs.append(f"FN {g[2]} {t[g[0]:g[1]]!r}  | {t[max(0,g[0]-40):g[1]+30]!r}")
report(f"docs {len(docs)}", tp, fp, fn, byl)
if explain:
    open('/tmp/saywho-ewt-errors.txt','w').write('\n'.join(errs))
