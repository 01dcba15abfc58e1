#!/usr/bin/env bash
# Starts and stops the in-process Neo4j test server of this directory in the
# background. Used by `make neo4j-up`, `make neo4j-down` and `make test`.
#
#   neo4j-test-server.sh up      build if needed, start, wait for Bolt, print the bolt URI
#   neo4j-test-server.sh down    stop the server started by `up`
#   neo4j-test-server.sh uri     print the running server's bolt URI (exit 1 if none)
#   neo4j-test-server.sh build   build the Maven project if needed
#
# State (pid, uri, log) lives in $NEO4J_TEST_STATE (default: .cache/neo4j-test-server
# under the repository root). NEO4J_TEST_PORT picks the Bolt port (default 0: a
# free one). Maven caches its downloads in ~/.m2 between runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
state=${NEO4J_TEST_STATE:-$root/.cache/neo4j-test-server}
main_class=partnergraph.tools.Neo4jTestServer
class_file=$here/target/classes/partnergraph/tools/Neo4jTestServer.class
java_opts=(-Xms256m -Xmx1g -XX:+UseParallelGC
	--add-opens=java.base/java.nio=ALL-UNNAMED
	--add-opens=java.base/java.io=ALL-UNNAMED
	--add-opens=java.base/java.lang=ALL-UNNAMED
	--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
	-Dio.netty.tryReflectionSetAccessible=true)

die() { echo "neo4j-test-server: $*" >&2; exit 1; }

running() {
	[[ -f $state/pid ]] && kill -0 "$(cat "$state/pid")" 2>/dev/null
}

build() {
	command -v java >/dev/null || die "java not found (Java 17+ is needed)"
	if [[ -f $class_file && -d $here/target/dependency && $class_file -nt $here/pom.xml &&
		$class_file -nt $here/src/main/java/partnergraph/tools/Neo4jTestServer.java ]]; then
		return
	fi
	command -v mvn >/dev/null || die "mvn not found (Maven is needed to build the test server)"
	echo "neo4j-test-server: building with Maven (first run downloads Neo4j into ~/.m2)" >&2
	rm -rf "$here/target/dependency"
	mvn -q -B -f "$here/pom.xml" package dependency:copy-dependencies >&2
}

up() {
	if running && [[ -s $state/uri ]]; then
		cat "$state/uri"
		return
	fi
	build
	mkdir -p "$state"
	rm -f "$state/uri" "$state/pid"
	: >"$state/log" # exists before the loop below reads it
	nohup java "${java_opts[@]}" -cp "$here/target/classes:$here/target/dependency/*" \
		"$main_class" "${NEO4J_TEST_PORT:-0}" --no-stdin >"$state/log" 2>&1 </dev/null &
	echo $! >"$state/pid"
	local uri="" i
	for ((i = 0; i < 240; i++)); do
		uri=$(sed -n 's/^BOLT //p' "$state/log" | head -n1)
		[[ -n $uri ]] && break
		running || { tail -n 20 "$state/log" >&2; die "the server exited while starting (log: $state/log)"; }
		sleep 0.5
	done
	[[ -n $uri ]] || { down; die "no Bolt URI after 120 s (log: $state/log)"; }
	local hostport=${uri#bolt://}
	for ((i = 0; i < 60; i++)); do
		if (exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}") 2>/dev/null; then
			echo "$uri" >"$state/uri"
			echo "$uri"
			return
		fi
		sleep 0.5
	done
	down
	die "Bolt at $uri does not answer (log: $state/log)"
}

down() {
	if ! running; then
		rm -f "$state/pid" "$state/uri"
		return
	fi
	local pid i
	pid=$(cat "$state/pid")
	kill -TERM "$pid" 2>/dev/null || true
	for ((i = 0; i < 60; i++)); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "neo4j-test-server: pid $pid ignored SIGTERM for 30 s; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$state/pid" "$state/uri"
}

case ${1:-} in
up) up ;;
down) down ;;
build) build ;;
uri) running && [[ -s $state/uri ]] && cat "$state/uri" || die "not running" ;;
*) die "usage: $0 up|down|uri|build" ;;
esac
