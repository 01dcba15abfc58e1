#!/usr/bin/env python3
"""Sort the Reuters acq stories that extraction misses into kinds.

usage: acq_misses.py ARTICLES.jsonl PREDICTIONS.jsonl [--sample N] [--seed S] [--kind other]

ARTICLES.jsonl comes from reuters_to_jsonl.py, PREDICTIONS.jsonl from
`partnergraph extract`. A story counts as found, as in acq_doclevel.py,
when an extracted deal is an acquisition, merger or investment. Each acq
story that is not found gets one kind:

  headline   the body is the headline alone
  one-name   the text names fewer than two companies (by the extractor's
             own company list), so no deal with two named parties exists
  other      everything else: read these to see what the rules miss

It prints the counts, the recall bound that follows if no headline or
one-name story could ever be found, and, with --sample, N stories of one
kind drawn with a fixed seed, so that a hand count can be repeated.
"""
import argparse
import json
import random

POSITIVE = {"acquisition", "merger", "investment"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("predictions")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--kind", default="other", choices=["headline", "one-name", "other"])
    a = ap.parse_args()
    arts = {}
    for line in open(a.articles, encoding="utf-8"):
        d = json.loads(line)
        if "acq" in (d.get("topics") or []):
            arts[d["id"]] = d
    pred = {}
    for line in open(a.predictions, encoding="utf-8"):
        if line.strip():
            p = json.loads(line)
            pred[p["id"]] = p
    kinds = {"found": [], "headline": [], "one-name": [], "other": []}
    for i, d in arts.items():
        p = pred.get(i, {})
        if any((x.get("type") or "").lower() in POSITIVE for x in p.get("deals") or []):
            kinds["found"].append(i)
        elif len(d.get("text", "").strip()) <= len(d.get("title", "")) + 5:
            kinds["headline"].append(i)
        elif len(p.get("companies") or []) < 2:
            kinds["one-name"].append(i)
        else:
            kinds["other"].append(i)
    n = len(arts)
    for k, v in kinds.items():
        print(f"{k:9} {len(v):5}  {len(v) / n:.3f}")
    bound = (n - len(kinds["headline"]) - len(kinds["one-name"])) / n
    print(f"acq stories {n}; recall bound without headline and one-name stories {bound:.3f}"
          f" (F1 bound at precision 1: {2 * bound / (1 + bound):.3f})")
    if a.sample:
        pool = sorted(kinds[a.kind], key=lambda s: int(s.split("-")[-1]) if s.split("-")[-1].isdigit() else 0)
        random.seed(a.seed)
        for i in random.sample(pool, min(a.sample, len(pool))):
            d = arts[i]
            names = [c.get("name") for c in pred.get(i, {}).get("companies") or []]
            print(f"\n== {i} {names[:8]}\n{d.get('text', '')[:420]}".replace("\r", ""))


if __name__ == "__main__":
    main()
