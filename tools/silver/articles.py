#!/usr/bin/env python3
"""Write the articles of the silver labels as JSONL, read from ../shared.

Usage: articles.py SHARED_DIR LABEL_DIR... > articles.jsonl

Every label's id names its source article: "modern-fsN" is line "fsN" of
datasets/modern/articles.jsonl, "reuters-N" is story N of Reuters-21578
(datasets/tools/reuters_to_jsonl.py, split all), "bbc-business-N" and
"bbc-tech-N" are datasets/bbc/<section>/N.txt (title: the first line).
"""
import json
import os
import subprocess
import sys


def main():
    shared, dirs = sys.argv[1], sys.argv[2:]
    ids = []
    for d in dirs:
        for f in sorted(os.listdir(d)):
            if f.endswith(".json"):
                ids.append(json.load(open(os.path.join(d, f), encoding="utf-8"))["id"])
    want = set(ids)
    found = {}
    modern = os.path.join(shared, "datasets", "modern", "articles.jsonl")
    for line in open(modern, encoding="utf-8"):
        a = json.loads(line)
        key = "modern-" + a["id"]
        if key in want:
            a["id"] = key
            found[key] = a
    if any(i.startswith("reuters-") for i in want):
        out = subprocess.run(
            [sys.executable, os.path.join(shared, "datasets", "tools", "reuters_to_jsonl.py"),
             os.path.join(shared, "datasets", "reuters21578"), "--split", "all"],
            check=True, capture_output=True, text=True).stdout
        for line in out.splitlines():
            a = json.loads(line)
            if a["id"] in want:
                found[a["id"]] = a
    for i in want:
        if i.startswith("bbc-"):
            _, section, n = i.split("-")
            raw = open(os.path.join(shared, "datasets", "bbc", section, n + ".txt"), "rb").read()
            text = raw.decode("latin-1")
            found[i] = {"id": i, "title": text.split("\n", 1)[0], "publisher": "BBC News", "text": text}
    missing = sorted(want - set(found))
    if missing:
        sys.exit("articles.py: no source article for " + ", ".join(missing))
    for i in ids:
        sys.stdout.write(json.dumps(found[i]) + "\n")


if __name__ == "__main__":
    main()
