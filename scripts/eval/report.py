"""Shared by gum.py and ewt.py: precision, recall and F1, overall and per type."""


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    return p, r, (2 * p * r / (p + r) if p + r else 0)


def report(title, tp, fp, fn, by_label):
    """Prints the overall line, then one line per type from by_label[TYPE_tp/_fp/_fn]."""
    p, r, f = prf(tp, fp, fn)
    print(f"{title} tp {tp} fp {fp} fn {fn} P {p:.3f} R {r:.3f} F1 {f:.3f}")
    for label in ('PER', 'ORG', 'LOC'):
        a, b, c = by_label[label + '_tp'], by_label[label + '_fp'], by_label[label + '_fn']
        p, r, f = prf(a, b, c)
        print(f"  {label} P {p:.3f} R {r:.3f} F1 {f:.3f} (tp {a} fp {b} fn {c})")
