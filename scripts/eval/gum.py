"""Entity F1 (PER/ORG/LOC) of saywho on GUM documents, by head word.

Usage (from the repository root):
    cargo build --release -p saywho-core --example entities
    python3 scripts/eval/gum.py '../shared/data/gum/dev/*.conllu' [--rules]

A gold name is a GUM mention of a person, place or organisation headed by a
proper noun; a prediction counts when it lies inside the mention, holds its
head word and has the right label. The two GUM texts that are also gold
articles (nasa, sensitive) are skipped. Errors go to /tmp/saywho-gum-errors.txt.
"""
from report import report
import json, subprocess, sys, glob, collections, re, os
pat = sys.argv[1] if len(sys.argv) > 1 else '../shared/data/gum/dev/*.conllu'
files = [f for f in sorted(glob.glob(pat)) if 'nasa' not in f and 'sensitive' not in f]
TYPES = {'person': 'PER', 'place': 'LOC', 'organization': 'ORG'}
MAP = {'PERSON': 'PER', 'ORG': 'ORG', 'LOC': 'LOC'}
exe = os.environ.get('SAYWHO_ENTITIES', os.path.join(os.environ.get('CARGO_TARGET_DIR', 'target'), 'release/examples/entities'))
tp = fp = fn = 0; byl = collections.Counter(); errs = []
for path in files:
    text = ''; golds = []
    sent = []  # (id, form, upos, head, misc, start, end)
    def flush():
        global text
        if not sent: return
        # mentions
        stacks = collections.defaultdict(list); spans = []
        for k, (i, form, upos, head, misc, s, e) in enumerate(sent):
            m = re.search(r'Entity=([^|]*)', misc)
            if not m: continue
            v = m.group(1); p = 0
            while p < len(v):
                if v[p] == '(':
                    q = p + 1
                    while q < len(v) and v[q] not in '()': q += 1
                    spec = v[p+1:q]; eid = spec.split('-')[0]; typ = spec.split('-')[1] if '-' in spec else ''
                    if q < len(v) and v[q] == ')':
                        spans.append((k, k, typ)); p = q + 1
                    else:
                        stacks[eid].append((k, typ)); p = q
                else:
                    q = p
                    while q < len(v) and v[q].isdigit(): q += 1
                    eid = v[p:q]
                    if q < len(v) and v[q] == ')' and stacks[eid]:
                        a, typ = stacks[eid].pop(); spans.append((a, k, typ))
                    p = q + 1
        for a, b, typ in spans:
            if typ not in TYPES: continue
            ids = set(sent[x][0] for x in range(a, b + 1))
            heads = [x for x in range(a, b + 1) if sent[x][3] not in ids]
            if len(heads) != 1 or sent[heads[0]][2] != 'PROPN': continue
            h = heads[0]
            golds.append((sent[a][5], sent[b][6], sent[h][5], sent[h][6], TYPES[typ]))
        sent.clear()
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('# newpar') and text: text += '\n\n'
        if line.startswith('#'): continue
        if not line.strip():
            flush(); 
            if text and not text.endswith('\n'): text += ' '
            continue
        f = line.split('\t')
        if '-' in f[0] or '.' in f[0]: continue
        s = len(text); text += f[1]; e = len(text)
        if 'SpaceAfter=No' not in f[9]: text += ' '
        sent.append((f[0], f[1], f[3], f[6], f[9], s, e))
    flush()
    open('/tmp/saywho-gum-doc.txt', 'w').write(text)
    out = json.loads(subprocess.run([exe, '/tmp/saywho-gum-doc.txt'] + [a for a in ('--rules', '--model-only') if a in sys.argv], capture_output=True, text=True).stdout)
    preds = [(m['start'], m['end'], MAP[m['label']]) for m in out['mentions'] if m['label'] in MAP]
    used = set()
    for g in golds:
        gs, ge, hs, he, gl = g
        hit = None
        for j, (ps, pe, pl) in enumerate(preds):
            if j in used: continue
            if ps <= hs and he <= pe and gs <= ps and pe <= ge:
                hit = j; break
        if hit is not None and preds[hit][2] == gl:
            used.add(hit); tp += 1; byl[gl+'_tp'] += 1
        else:
            fn += 1; byl[gl+'_fn'] += 1
            errs.append(f"FN {gl} {text[gs:ge]!r} pred={[ (text[p[0]:p[1]],p[2]) for p in preds if p[0] < ge and gs < p[1]]}")
    for j, (ps, pe, pl) in enumerate(preds):
        if j in used: continue
        # ignore predictions inside a gold named span counted already or overlapping non-named gold? count as FP
        fp += 1; byl[pl+'_fp'] += 1; errs.append(f"FP {pl} {text[ps:pe]!r} | {text[max(0,ps-40):pe+30]!r}")
report(f"GUM docs {len(files)}", tp, fp, fn, byl)
open('/tmp/saywho-gum-errors.txt','w').write('\n'.join(errs))
