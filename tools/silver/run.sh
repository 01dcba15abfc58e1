#!/usr/bin/env bash
# Scores `partnergraph extract` on the silver labels: 144 unlabelled
# articles of ../shared/datasets labelled for this check (see README.md):
# the part whose errors were read, and the three parts that were not.
# Usage: tools/silver/run.sh [SHARED_DIR] [PARTNERGRAPH_BINARY]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${1:-$root/../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin=${2:-}
if [ -z "$bin" ]; then
	bin=$work/partnergraph
	(cd "$root" && go build -o "$bin" ./cmd/partnergraph)
fi
python3 "$here/articles.py" "$shared" "$here/labels/read" "$here/labels/fresh" "$here/labels/fresh2" "$here/labels/fresh3" "$here/labels/fresh4" >"$work/articles.jsonl"
"$bin" extract "$work/articles.jsonl" >"$work/pred.jsonl"
for set in read fresh fresh2 fresh3 fresh4; do
	echo "== $set ($(ls "$here/labels/$set" | wc -l) articles)"
	python3 "$shared/corpus/score.py" --pred "$work/pred.jsonl" "$here/labels/$set" | grep -E '^(companies|deals |deal attr)'
done
echo "== never read (fresh to fresh4)"
python3 "$shared/corpus/score.py" --pred "$work/pred.jsonl" "$here/labels/fresh" "$here/labels/fresh2" "$here/labels/fresh3" "$here/labels/fresh4" | grep -E '^(companies|deals |deal attr)'
