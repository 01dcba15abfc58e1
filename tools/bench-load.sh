#!/usr/bin/env bash
# Compares the time to load all of Reuters-21578 into the embedded store
# with this checkout and with a base revision, in one run (issue 11: company
# and deal resolution must keep loading within 1.5x of the code before it).
# Used by `make bench-load`.
#
# It builds `partnergraph` from the checkout and from BENCH_BASE (a git
# revision, built from a temporary worktree), converts the corpus to JSONL
# once, and then loads it BENCH_RUNS times with each binary, alternating
# them so that a busy machine slows both alike, each run into a fresh
# bbolt file. It prints every run's time (the `took` line of `load`) and
# CPU time (user and system, which a busy machine disturbs less), the
# medians of each and their ratios. A benchmark, not a test: it reports and
# does not fail on the ratio.
#
# Environment (all optional):
#   BENCH_BASE   base revision, default the merge base of HEAD and main
#   BENCH_RUNS   runs per binary, default 5
#   SHARED       the shared datasets, default ../shared
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${SHARED:-../shared}
runs=${BENCH_RUNS:-5}
base=${BENCH_BASE:-$(git merge-base HEAD main)}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "base $(git rev-parse --short "$base"), head $(git rev-parse --short HEAD)$(git diff --quiet || echo ' (with uncommitted changes)')"
go build -o "$work/head" ./cmd/partnergraph
git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base" && go build -o "$work/old" ./cmd/partnergraph)
python3 "$shared/datasets/tools/reuters_to_jsonl.py" "$shared/datasets/reuters21578" --split all >"$work/reuters.jsonl"

# took prints the seconds of a load's "took" line.
took() {
	awk '/^took /{v=$2; if (v ~ /ms$/) {sub(/ms$/, "", v); v/=1000} else if (v ~ /m/) {split(v, p, "m"); sub(/s$/, "", p[2]); v=p[1]*60+p[2]} else sub(/s$/, "", v); print v}'
}
declare -a old_t head_t old_c head_c
for i in $(seq 1 "$runs"); do
	for bin in old head; do
		rm -f "$work/$bin.db"
		# Exit status 3: load skipped some inputs (Reuters has stories
		# without text) and loaded the rest.
		status=0
		/usr/bin/time -f '%U %S' -o "$work/cpu" "$work/$bin" load --data "$work/$bin.db" "$work/reuters.jsonl" >"$work/load.out" 2>"$work/load.err" || status=$?
		if [ "$status" != 0 ] && [ "$status" != 3 ]; then
			cat "$work/load.err" >&2
			echo "bench-load: $bin load failed with exit status $status" >&2
			exit 1
		fi
		t=$(took <"$work/load.out")
		# The last line: GNU time writes "Command exited with non-zero
		# status 3" before it when load skipped inputs.
		c=$(tail -n 1 "$work/cpu" | awk '{print $1+$2}')
		echo "run $i $bin ${t}s (cpu ${c}s)"
		if [ "$bin" = old ]; then old_t+=("$t"); old_c+=("$c"); else head_t+=("$t"); head_c+=("$c"); fi
	done
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ratio() { awk -v h="$1" -v o="$2" 'BEGIN{printf "%.2f", h/o}'; }
mo=$(median "${old_t[@]}")
mh=$(median "${head_t[@]}")
co=$(median "${old_c[@]}")
ch=$(median "${head_c[@]}")
echo "median wall time: base ${mo}s, head ${mh}s, ratio $(ratio "$mh" "$mo") (target <= 1.5)"
echo "median CPU time (user+sys, whole process): base ${co}s, head ${ch}s, ratio $(ratio "$ch" "$co")"
