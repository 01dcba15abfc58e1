#!/usr/bin/env bash
# gazetteer-ablation.sh scores extraction on ../shared/corpus (seeds + dev)
# with every built-in gazetteer company that the dev labels name removed
# (Microsoft, Google and Sony included), to show how much of the score rests
# on the gazetteer rather than on the general rules. It works on a
# throw-away copy of the repository and changes nothing here.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$repo/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git -C "$repo" archive HEAD | tar -x -C "$work"
python3 - "$work/loader/gazetteer.json" "$shared/corpus/dev" <<'PY'
import glob, json, sys
path, dev = sys.argv[1], sys.argv[2]
g = json.load(open(path))
named = set()
for f in glob.glob(dev + "/*.json"):
    for c in json.load(open(f))["companies"]:
        named.update(n.lower() for n in [c["name"]] + (c.get("aliases") or []))
keep = [c for c in g["companies"] if not any(n.lower() in named for n in [c["name"]] + (c.get("aliases") or []))]
print(f"gazetteer companies removed: {len(g['companies']) - len(keep)} of {len(g['companies'])}", file=sys.stderr)
g["companies"] = keep
names = {c["name"] for c in keep}
for p in g["platforms"]:
    if p.get("owner") and p["owner"] not in names:
        p["owner"] = ""
json.dump(g, open(path, "w"))
PY
(cd "$work" && go build -o "$work/pg" ./cmd/partnergraph)
"$work/pg" extract "$shared/corpus/seeds.jsonl" "$shared/corpus/dev.jsonl" >"$work/out.jsonl" 2>/dev/null
python3 "$shared/corpus/score.py" "$shared/corpus/seeds" "$shared/corpus/dev" --pred "$work/out.jsonl"
