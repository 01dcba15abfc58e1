#!/usr/bin/env bash
# Measures GraphQL API latency at a fixed request rate on the graph loaded
# from all of Reuters-21578, on the embedded store and on Neo4j (issue 5,
# "Performance"). Used by `make bench-api`.
#
# For each store it loads the corpus, starts `partnergraph serve` on a free
# loopback port, waits for /healthz and drives two queries with
# tools/loadgen (an open-loop generator in a second process): the
# three-level deals → parties → company → deals query and a depth-2
# neighbourhood, with inputs that vary the way a real client's would: the
# three-level query pages through the first BENCH_PAGES pages of deals
# (request i asks for page i mod BENCH_PAGES) and the neighbourhood cycles
# through the BENCH_HUBS companies with most deals. The embedded store is
# measured once per EMBEDDED_CACHE setting, without and with the response
# cache (serve --response-cache-mb), so that no figure rests on one hot
# cache entry. On Neo4j it first warms the JVM up (NEO4J_WARMUP below): a
# freshly started and loaded Neo4j is still compiling its query paths and
# costs several times the CPU per request of a warm one, and production
# Neo4j runs warm; NEO4J_WARMUP=0 measures that cold start instead (the
# table then says neo4j-cold). It prints one table at the end. A
# benchmark, not a test: a missed target is reported, not failed;
# failed requests make the script exit 1. Failures at the target rate are
# expected where the machine cannot keep up: the table says so.
#
# Environment (all optional):
#   BENCH_STORES     stores to measure, default "embedded neo4j"
#   BENCH_DURATION   measured time per query, default 20s (plus BENCH_WARMUP, default 3s)
#   EMBEDDED_RATES   requests/s on the embedded store, default "500 200": the
#                    first is the issue's target rate, the others show how
#                    latency behaves below saturation
#   NEO4J_RATES      requests/s on Neo4j, default "200 20"
#   NEO4J_WARMUP     before measuring Neo4j, send every input of both queries
#                    once, one at a time, then both queries for this long
#                    each at NEO4J_WARMUP_RATE, unrecorded, default 60s (0: no
#                    warm-up at all; the rows are labelled neo4j-cold)
#   NEO4J_WARMUP_RATE requests/s of that warm-up, default 50
#   EMBEDDED_CACHE   response cache settings to measure on the embedded store,
#                    default "off on" (off: --response-cache-mb 0)
#   BENCH_PAGES      pages of 20 deals the three-level query cycles through, default 10
#   BENCH_HUBS       neighbourhood centres cycled through, default 50
#   BENCH_DIR        work directory, default .cache/bench-api
#   REUTERS_DIR      the SGML files, default ../shared/datasets/reuters21578
#   BENCH_NEO4J_URI  use this Neo4j (Reuters is loaded INTO it) instead of
#                    starting a private one with tools/neo4j-test-server;
#                    NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE then apply
#   BENCH_NICE       run the server, the load generator and the private Neo4j
#                    at this niceness (e.g. -10, needs root) so that other work
#                    on a shared machine disturbs the figures less; default: unchanged
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

stores=${BENCH_STORES:-embedded neo4j}
nice_cmd=()
[[ -n ${BENCH_NICE:-} ]] && nice_cmd=(nice -n "$BENCH_NICE")
duration=${BENCH_DURATION:-20s}
warmup=${BENCH_WARMUP:-3s}
embedded_rates=${EMBEDDED_RATES:-500 200}
neo4j_rates=${NEO4J_RATES:-200 20}
neo4j_warmup=${NEO4J_WARMUP:-60s}
neo4j_warmup_rate=${NEO4J_WARMUP_RATE:-50}
embedded_cache=${EMBEDDED_CACHE:-off on}
pages=${BENCH_PAGES:-10}
hubs=${BENCH_HUBS:-50}
work=${BENCH_DIR:-$root/.cache/bench-api}
reuters=${REUTERS_DIR:-$root/../shared/datasets/reuters21578}
converter=$root/../shared/datasets/tools/reuters_to_jsonl.py
# p99 targets in milliseconds, from issue 5.
embedded_target=5
neo4j_target=25

die() { echo "bench-api: $*" >&2; exit 1; }
say() { echo "bench-api: $*" >&2; }

mkdir -p "$work"
loadavg_start=$(cut -d' ' -f1-3 /proc/loadavg)
pg=$work/partnergraph
loadgen=$work/loadgen
server_pid=
neo4j_started=
neo4j_state=$work/neo4j

cleanup() {
	if [[ -n $server_pid ]]; then
		kill -TERM "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	if [[ -n $neo4j_started ]]; then
		NEO4J_TEST_STATE=$neo4j_state tools/neo4j-test-server/neo4j-test-server.sh down || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building partnergraph and loadgen"
go build -o "$pg" ./cmd/partnergraph
go build -o "$loadgen" ./tools/loadgen

corpus=$work/reuters.jsonl
if [[ ! -s $corpus || $converter -nt $corpus ]]; then
	say "converting Reuters-21578 from $reuters"
	[[ -d $reuters ]] || die "no Reuters-21578 at $reuters (set REUTERS_DIR)"
	python3 "$converter" "$reuters" --split all >"$corpus.tmp"
	mv "$corpus.tmp" "$corpus"
fi

# start_server ARGS... starts `partnergraph serve` on a free loopback port,
# sets server_pid and url, and waits until /healthz answers.
start_server() {
	local out=$work/serve.out
	: >"$out"
	"${nice_cmd[@]}" "$pg" serve --addr 127.0.0.1:0 --log-level warn "$@" >"$out" 2>"$work/serve.err" &
	server_pid=$!
	local base="" i
	for ((i = 0; i < 600; i++)); do
		base=$(sed -n 's|^partnergraph serving \(http://[^/]*\)/.*|\1|p' "$out" | head -n1)
		[[ -n $base ]] && break
		kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; die "the server exited while starting"; }
		sleep 0.1
	done
	[[ -n $base ]] || die "the server printed no address within 60 s"
	for ((i = 0; i < 300; i++)); do
		curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
		sleep 0.1
	done
	curl -fsS -o /dev/null "$base/healthz" || die "$base/healthz does not answer"
	url=$base/graphql
}

stop_server() {
	kill -TERM "$server_pid" 2>/dev/null || true
	wait "$server_pid" 2>/dev/null || true
	server_pid=
}

# graphql QUERY prints the JSON answer of one query.
graphql() {
	python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1" |
		curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url"
}

# graphql_vars QUERY VARIABLES prints the JSON answer of one query with
# the variables given as a JSON object.
graphql_vars() {
	python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "$2" |
		curl -fsS -m 60 -H 'Content-Type: application/json' --data-binary @- "$url"
}

# hubs_file FILE writes the variables of the neighbourhood query for the
# $hubs companies with most deals, one JSON object a line, and prints the
# first company's ID.
hubs_file() {
	graphql "{ companies(first: $hubs, sort: DEALS_DESC) { edges { node { id } } } }" |
		python3 -c 'import json,sys
ids = [e["node"]["id"] for e in json.load(sys.stdin)["data"]["companies"]["edges"]]
with open(sys.argv[1], "w") as f:
    for i in ids: print(json.dumps({"id": i}), file=f)
print(ids[0])' "$1"
}

# pages_file FILE writes the variables of the first $pages pages of 20
# deals (the after cursor of each; null for the first), one a line.
pages_file() {
	local after=null i
	: >"$1"
	for ((i = 0; i < pages; i++)); do
		echo "{\"after\":$after}" >>"$1"
		after=$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' \
			'query ($after: String) { deals(first: 20, after: $after) { pageInfo { endCursor hasNextPage } } }' "{\"after\":$after}" |
			curl -fsS -H 'Content-Type: application/json' --data-binary @- "$url" |
			python3 -c 'import json,sys; p=json.load(sys.stdin)["data"]["deals"]["pageInfo"]; print(json.dumps(p["endCursor"]) if p["hasNextPage"] else "")')
		[[ -n $after ]] || break
	done
}

# Company.deals is a connection in schema.graphqls, so the third level
# takes first: 5 and goes through edges/node.
three_level='query ($after: String) { deals(first: 20, after: $after) { edges { node { parties { company { deals(first: 5) { edges { node { id } } } } } } } } }'
neighborhood='query ($id: ID!) { neighborhood(id: $id, depth: 2) { nodes { id label depth } edges { id source target type year } truncated } }'

# load_corpus ARGS... loads the corpus with `partnergraph load ARGS...` and
# prints its summary without the skipped-input lines. Exit status 3 means
# that load skipped some inputs (Reuters has stories without text) and
# loaded the rest, which is what the benchmark wants.
load_corpus() {
	local status=0
	"$pg" load "$@" "$corpus" >"$work/load.out" 2>"$work/load.err" || status=$?
	grep -v '^skipped' "$work/load.out" >&2 || true
	if [[ $status != 0 && $status != 3 ]]; then
		cat "$work/load.err" >&2
		return 1
	fi
	[[ $status == 3 ]] && say "load skipped $(grep -c '^skipped' "$work/load.out" || true) inputs (see $work/load.out)"
	return 0
}

results=$work/results.jsonl
: >"$results"
failed=0

# inputs STORE writes the variables files of both queries and sets
# inputs_id to the first neighbourhood centre.
inputs() {
	inputs_id=$(hubs_file "$work/hubs.jsonl")
	pages_file "$work/pages.jsonl"
	say "$1: neighbourhood centres: $(grep -c . "$work/hubs.jsonl") from $inputs_id; three-level pages: $(grep -c . "$work/pages.jsonl")"
}

# query_args NAME sets args to the loadgen arguments of query NAME.
query_args() {
	args=(-query "$three_level" -variables-file "$work/pages.jsonl")
	if [[ $1 == neighborhood ]]; then
		args=(-query "$neighborhood" -variables-file "$work/hubs.jsonl")
	fi
}

# no_time DURATION reports whether DURATION is zero (0, 0s, 00m, ...).
no_time() { [[ $1 =~ ^0+[a-z]*$ ]]; }

# warm_up DURATION RATE warms a freshly started Neo4j up, unrecorded: it
# first sends every input of both queries once, one request at a time, so
# that Neo4j plans each query before requests arrive concurrently (at a
# fixed rate, a cold Neo4j planning the same query for each waiting request
# timed out hundreds of requests even at 50/s), then both queries for
# DURATION each at RATE requests/s while its JVM compiles the query paths
# (loadgen's summaries go to $work/warmup.log).
warm_up() {
	local name args line
	say "neo4j: warming up: each input once, one request at a time"
	while IFS= read -r line; do
		graphql_vars "$three_level" "$line" >/dev/null || say "warm-up: a three-level request failed"
	done <"$work/pages.jsonl"
	while IFS= read -r line; do
		graphql_vars "$neighborhood" "$line" >/dev/null || say "warm-up: a neighbourhood request failed"
	done <"$work/hubs.jsonl"
	for name in three-level neighborhood; do
		query_args "$name"
		say "neo4j: warming up with $name at $2 req/s for $1 (not measured)"
		"${nice_cmd[@]}" "$loadgen" -url "$url" -rate "$2" -duration "$1" -name "warm-up $name" \
			"${args[@]}" >>"$work/warmup.log" 2>&1 || say "warm-up: some requests failed (see $work/warmup.log)"
	done
}

# measure STORE LABEL TARGET RATE... runs both queries at each rate against
# the server at url, with the inputs written by inputs. The p99 target
# applies to the first rate only.
measure() {
	local store=$1 label=$2 target=$3 id=$inputs_id
	shift 3
	local rate name first=1
	for rate in "$@"; do
		for name in three-level neighborhood; do
			local args
			query_args "$name"
			local cpu=(-cpu "server=$server_pid")
			if [[ $store == neo4j && -n $neo4j_started && -s $neo4j_state/pid ]]; then
				cpu+=(-cpu "neo4j=$(cat "$neo4j_state/pid")")
			fi
			sleep 2 # let a saturated previous run drain
			say "$label: $name at $rate req/s for $duration (after $warmup warm-up)"
			local json=$work/$label-$name-$rate.json
			rm -f "$json"
			if ! "${nice_cmd[@]}" "$loadgen" -url "$url" -rate "$rate" -duration "$duration" -warmup "$warmup" \
				-name "$label $name" -json "$json" "${cpu[@]}" "${args[@]}"; then
				failed=1
			fi
			local t=0
			[[ $first == 1 ]] && t=$target
			[[ -s $json ]] && python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); r.update(store=sys.argv[2], query=sys.argv[3], target_ms=float(sys.argv[4]), centre=sys.argv[5]); print(json.dumps(r))' \
				"$json" "$label" "$name" "$t" "$id" >>"$results"
		done
		first=0
	done
}

for store in $stores; do
	case $store in
	embedded)
		db=$work/reuters.db
		rm -f "$db"
		say "embedded: loading $corpus into $db"
		load_corpus --data "$db" || die "loading into the embedded store failed"
		for cache in $embedded_cache; do
			case $cache in
			off) start_server --data "$db" --response-cache-mb 0 ;;
			on) start_server --data "$db" ;;
			*) die "unknown EMBEDDED_CACHE setting $cache (want off or on)" ;;
			esac
			inputs embedded
			# shellcheck disable=SC2086 # the rates are a list
			measure embedded "emb-$cache" "$embedded_target" $embedded_rates
			stop_server
		done
		;;
	neo4j)
		neo=(--store neo4j)
		if [[ -n ${BENCH_NEO4J_URI:-} ]]; then
			uri=$BENCH_NEO4J_URI
		else
			say "neo4j: starting a private Neo4j (state in $neo4j_state)"
			# A log file that exists already keeps the start script from
			# failing when it reads the log before the server has made it.
			mkdir -p "$neo4j_state" && touch "$neo4j_state/log"
			neo4j_started=1
			uri=$(NEO4J_TEST_STATE=$neo4j_state tools/neo4j-test-server/neo4j-test-server.sh up)
			[[ -n ${BENCH_NICE:-} ]] && renice -n "$BENCH_NICE" -p "$(cat "$neo4j_state/pid")" >/dev/null
		fi
		neo+=(--neo4j-uri "$uri")
		say "neo4j: loading $corpus into $uri"
		load_corpus "${neo[@]}" || die "loading into Neo4j failed"
		start_server "${neo[@]}"
		inputs neo4j
		label=neo4j
		: >"$work/warmup.log"
		if no_time "$neo4j_warmup"; then
			label=neo4j-cold
		else
			warm_up "$neo4j_warmup" "$neo4j_warmup_rate"
		fi
		# shellcheck disable=SC2086
		measure neo4j "$label" "$neo4j_target" $neo4j_rates
		stop_server
		if [[ -n $neo4j_started ]]; then
			NEO4J_TEST_STATE=$neo4j_state tools/neo4j-test-server/neo4j-test-server.sh down
			neo4j_started=
		fi
		;;
	*) die "unknown store $store (want embedded or neo4j)" ;;
	esac
done

echo
echo "Reuters-21578 ($(grep -c . "$corpus") articles), $(nproc) cores, niceness ${BENCH_NICE:-0}, load average at start: $loadavg_start, at end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $stores == *neo4j* ]]; then
	echo "Neo4j warm-up before measuring: $neo4j_warmup per query at $neo4j_warmup_rate req/s (NEO4J_WARMUP, NEO4J_WARMUP_RATE)"
fi
python3 - "$results" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
head = ("server", "query", "rate/s", "requests", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "p99 target", "", "CPU ms/request")
widths = (10, 12, 6, 8, 6, 7, 7, 7, 7, 10, 6, 38)
fmt = "| {:<10} | {:<12} | {:>6} | {:>8} | {:>6} | {:>7} | {:>7} | {:>7} | {:>7} | {:>10} | {:<6} | {:<38} |"
print(fmt.format(*head))
print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
for r in rows:
    ok = "ok" if r["p99_ms"] < r["target_ms"] and r["errors"] == 0 else "MISSED"
    target = "< %g ms" % r["target_ms"]
    if not r["target_ms"]:
        ok, target = "", ""
    cpu = ", ".join("%s %.2f" % kv for kv in sorted(r.get("cpu_ms_per_request", {}).items()))
    print(fmt.format(r["store"], r["query"], "%g" % r["rate"], r["requests"], r["errors"],
                     "%.2f" % r["p50_ms"], "%.2f" % r["p90_ms"], "%.2f" % r["p99_ms"],
                     "%.2f" % r["max_ms"], target, ok, cpu))
EOF
exit "$failed"
