#!/usr/bin/env python3
"""Counts, without listing any error, why the gold deals of a labelled set
were missed: whether every party was recognised as a company, and whether
one sentence of the article names them all.

Usage: missed.py PREDICTIONS.jsonl ARTICLES.jsonl LABEL_DIR...

It prints counts per deal type only, so that it can be run on sets whose
errors must not be read (the never-read silver parts, the held-out third).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus"))
import score  # noqa: E402  (../shared/corpus/score.py)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    pred = score.load_pred(sys.argv[1])
    texts = {}
    with open(sys.argv[2], encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                a = json.loads(line)
                texts[a["id"]] = a.get("text", "")
    gold = score.load_gold(sys.argv[3:])
    counts = {}  # type -> [missed, all parties recognised, of those named in one sentence]
    for aid, g in gold.items():
        p = pred.get(aid, {"companies": [], "deals": []})
        lex = score.Lexicon(g.get("companies", []))
        recognised = set()
        for c in p.get("companies", []):
            for n in [c["name"]] + list(c.get("aliases") or []):
                r = lex.resolve(n)
                if r:
                    recognised.add(r)
        found = {(frozenset(lex.resolve(x) or x for x in d["parties"]), (d.get("type") or "").lower())
                 for d in p.get("deals", [])}
        sentences = re.split(r"(?<=[.!?])\s+|\n+", texts.get(aid, ""))
        for d in g.get("deals", []):
            parties = [lex.resolve(x) or x for x in d["parties"]]
            if (frozenset(parties), (d.get("type") or "").lower()) in found:
                continue
            c = counts.setdefault(d.get("type") or "?", [0, 0, 0])
            c[0] += 1
            if not all(x in recognised for x in parties):
                continue
            c[1] += 1
            forms = [[x] + [a for e in g["companies"] if e["name"] == x for a in (e.get("aliases") or [])] for x in parties]
            if any(all(any(re.search(r"\b" + re.escape(f) + r"\b", s) for f in fs) for fs in forms) for s in sentences):
                c[2] += 1
    for t, (missed, rec, together) in sorted(counts.items()):
        print(f"{t:14} missed {missed:3}  every party recognised {rec:3}  of those named in one sentence {together:3}")


if __name__ == "__main__":
    main()
