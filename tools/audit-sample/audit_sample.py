#!/usr/bin/env python3
"""Draw extracted deals at random for a hand check of precision.

usage: audit_sample.py ARTICLES.jsonl PREDICTIONS.jsonl [--n 60] [--seed S] [--skip K] [--exclude SAMPLE.jsonl]...

ARTICLES.jsonl holds the articles (id, title, text), PREDICTIONS.jsonl the
output of `partnergraph extract` on them. The deals of all articles are
shuffled with a fixed seed; --skip K drops the first K (so that a second
sample does not repeat the first) and the next N are printed, one JSON line
each (--exclude leaves out deals, by article and evidence, that an
earlier sample printed): the article id and title, the deal, and 700 characters of text on
either side of its evidence sentence. A reader marks each one correct,
wrong type, wrong party or not a deal by ../shared/corpus/README.md.
"""
import argparse
import json
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("predictions")
    ap.add_argument("--n", type=int, default=60)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--skip", type=int, default=0)
    ap.add_argument("--exclude", action="append", default=[])
    a = ap.parse_args()
    seen = set()
    for f in a.exclude:
        for line in open(f, encoding="utf-8"):
            r = json.loads(line)
            seen.add((r["article"], json.dumps(r["deal"].get("evidence"), sort_keys=True)))
    arts = {}
    for line in open(a.articles, encoding="utf-8"):
        d = json.loads(line)
        arts[d["id"]] = d
    rows = []
    for line in open(a.predictions, encoding="utf-8"):
        if line.strip():
            p = json.loads(line)
            for d in p.get("deals") or []:
                rows.append((p["id"], d))
    random.seed(a.seed)
    random.shuffle(rows)
    rows = [r for r in rows if (r[0], json.dumps(r[1].get("evidence"), sort_keys=True)) not in seen]
    for i, d in rows[a.skip:a.skip + a.n]:
        art = arts.get(i, {})
        text = art.get("text", "")
        start = (d.get("evidence") or {}).get("start", 0)
        print(json.dumps({"article": i, "title": art.get("title"), "published": art.get("published"), "deal": d,
                          "context": text[max(0, start - 700):start + 700]}, ensure_ascii=False))


if __name__ == "__main__":
    main()
