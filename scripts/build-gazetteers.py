#!/usr/bin/env python3
"""Regenerate crates/saywho-core/data/gazetteer/* from ../shared/data/gazetteers.

Usage: python3 scripts/build-gazetteers.py [SHARED_GAZETTEERS_DIR]
Deterministic: the same input always gives byte-identical output.

places.tsv       name<TAB>kind  (country, continent, state, capital, city): countries,
                 continents, US states, capitals, and cities of at least 100,000 people
                 (largest first), each also without accents (ø → o, ł → l too).
                 Source: GeoNames, CC BY 4.0.
given-names.tsv  name<TAB>F|M|U  names with at least 500 US births; F or M when at least
                 90% of births were of that sex, else U. Source: US SSA, public domain.
"""
import csv, sys, unicodedata
from pathlib import Path

src = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/data/gazetteers")
out = Path(__file__).resolve().parents[1] / "crates/saywho-core/data/gazetteer"
MIN_CITY, MIN_BIRTHS, RATIO = 100_000, 500, 0.9

def rows(name):
    with open(src / name, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)

# Letters that Unicode does not decompose into a base letter and an accent.
PLAIN = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L",
                       "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H"})

places, seen = [], set()
def add(name, kind):
    name = " ".join(name.split())
    # Also the name without accents, as English news often writes it ("Sao Paulo",
    # "Wroclaw", "Tromso").
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).translate(PLAIN)
    for n in dict.fromkeys([name, plain]):
        if n and n not in seen:
            seen.add(n)
            places.append(f"{n}\t{kind}")

countries = list(rows("countries.tsv"))
for r in countries:
    add(r["name"], "country")
for r in rows("continents.tsv"):
    add(r["name"], "continent")
for r in rows("us-states.tsv"):
    add(r["name"], "state")
for r in countries:
    add(r["capital"], "capital")
for r in rows("cities15000.tsv"):
    if int(r["population"] or 0) >= MIN_CITY:
        add(r["name"], "city")
(out / "places.tsv").write_text("\n".join(places) + "\n", encoding="utf-8")

names = []
for r in rows("given-names-us-ssa.tsv"):
    f, m = int(r["female"]), int(r["male"])
    if f + m >= MIN_BIRTHS:
        g = "F" if f >= RATIO * (f + m) else "M" if m >= RATIO * (f + m) else "U"
        names.append(f"{r['name']}\t{g}")
(out / "given-names.tsv").write_text("\n".join(names) + "\n", encoding="utf-8")
print(f"{len(places)} places, {len(names)} given names -> {out}")
