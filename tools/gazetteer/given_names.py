#!/usr/bin/env python3
"""Print the gazetteer's given names (loader/gazetteer.json "person_names")
from the 1990 US Census given-name lists, by the criterion of
docs/gazetteer.md.

usage: given_names.py CENSUS_DIR [--check]

CENSUS_DIR holds dist.male.first and dist.female.first (the PyPI package
`names` ships them: `pip download --no-deps names==0.3.0`, unpack, use its
names/ folder). A name is kept when at least 0.01 % of people in either list
hold it, unless it is an everyday word (loader/models/words.tsv writes it in
lower case at least 20 times and at least twice as often as capitalised)
held by less than 0.1 %, a non-company entry, a company or platform name or
alias of loader/gazetteer.json, or written only by labelled articles (the
names TestGazetteerNotFittedToLabels reported, listed in LABELLED_ONLY).
With --check, exit 1 when the file's list differs. Standard library only.
"""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
LABELLED_ONLY = {"Cara", "Corinne", "Deanna", "Marian"}


def census(path):
    out = {}
    for line in open(path):
        f = line.split()
        if f:
            out[f[0].title()] = float(f[1])
    return out


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    freq = {}
    for f in ("dist.male.first", "dist.female.first"):
        for n, p in census(os.path.join(sys.argv[1], f)).items():
            freq[n] = max(freq.get(n, 0), p)
    lex = {}
    for line in open(os.path.join(ROOT, "loader/models/words.tsv")):
        w, lo, ca = line.rstrip("\n").split("\t")
        lex[w] = (int(lo), int(ca))
    gaz = json.load(open(os.path.join(ROOT, "loader/gazetteer.json")))
    taken = {n.lower() for n in gaz["non_companies"]}
    for e in gaz["companies"] + gaz["platforms"]:
        taken.update(n.lower() for n in [e["name"]] + e.get("aliases", []))

    def everyday(w):
        lo, ca = lex.get(w.lower(), (0, 0))
        return lo >= 20 and lo >= 2 * ca

    names = sorted(n for n, p in freq.items()
                   if p >= 0.01 and not (everyday(n) and p < 0.1)
                   and n.lower() not in taken and n not in LABELLED_ONLY)
    if "--check" in sys.argv[2:]:
        if names != gaz["person_names"]:
            have = set(gaz["person_names"])
            print("differs: missing", sorted(set(names) - have)[:20], "extra", sorted(have - set(names))[:20])
            sys.exit(1)
        print(len(names), "given names match")
        return
    json.dump(names, sys.stdout)
    print()


main()
