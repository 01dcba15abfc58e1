# partnergraph — build, test and benchmark targets.
# `make test` is the README's test command and what CI runs.

GO ?= go
export CI

.PHONY: all build deps generate test test-go bench vet story-model models eval fuzz

all: build

build:
	$(GO) build -o bin/partnergraph ./cmd/partnergraph

generate:
	$(GO) tool gqlgen generate

vet:
	$(GO) vet ./...

# story-model retrains loader/story_model.json, the story classifier that
# gates the loader's story-level deal rules, from the ModApte TRAIN split of
# Reuters-21578 in ../shared. Deterministic: CI checks the committed file
# is what this gives.
SHARED ?= ../shared
story-model:
	@tmp=$$(mktemp); \
	python3 $(SHARED)/datasets/tools/reuters_to_jsonl.py $(SHARED)/datasets/reuters21578 --split train >$$tmp && \
	$(GO) run ./tools/train-story -in $$tmp -out loader/story_model.json; status=$$?; rm -f $$tmp; exit $$status

# models rebuilds the loader's learned data in loader/models from public
# corpora in ../shared/datasets and the labelled corpus in ../shared/corpus
# (tools/train-models): the word lexicon and the company names the rules
# find in the unlabelled articles, the company tagger and the deal model
# trained on the labelled ones, and the story classifier (which reads the
# lexicon; see story-model). Deterministic: CI checks the committed files are what
# this gives.
models:
	@tmp=$$(mktemp --suffix=.jsonl); \
	python3 $(SHARED)/datasets/tools/reuters_to_jsonl.py $(SHARED)/datasets/reuters21578 --split train >$$tmp && \
	$(GO) run ./tools/train-models -words loader/models/words.tsv -names loader/models/names.tsv \
		-exclude $(SHARED)/corpus/dev -unlabelled $$tmp -unlabelled $(SHARED)/datasets/bbc -unlabelled $(SHARED)/datasets/modern/articles.jsonl && \
	$(GO) run ./tools/train-story -in $$tmp -out loader/story_model.json && \
	$(GO) run ./tools/train-models -tagger loader/models/tagger.tsv -deals loader/models/deals.json \
		-labels $(SHARED)/corpus/seeds -labels $(SHARED)/corpus/dev \
		-articles $(SHARED)/corpus/seeds.jsonl -articles $(SHARED)/corpus/dev.jsonl; \
	status=$$?; rm -f $$tmp; exit $$status

# eval measures extraction on articles the learned models did not see:
# 5-fold cross-validation over the labelled corpus (each fold extracted by
# models trained on the other four), then leave-one-source-out (Reuters,
# BBC, modern), then 5-fold cross-validation repeated over five different
# splits (--repeats 5), whose pooled figure depends less on how one split
# falls. EVAL_GATES adds thresholds on the first cross-validated figure and
# EVAL_REPEAT_GATES on the repeated one, as .ci/run does.
EVAL_ARGS = $(SHARED)/corpus/seeds $(SHARED)/corpus/dev --articles $(SHARED)/corpus/seeds.jsonl --articles $(SHARED)/corpus/dev.jsonl
eval:
	@echo "== 5-fold cross-validation"
	@$(GO) run ./cmd/partnergraph eval $(EVAL_ARGS) --folds 5 $(EVAL_GATES)
	@echo "== leave one source out"
	@$(GO) run ./cmd/partnergraph eval $(EVAL_ARGS) --by-source
	@echo "== 5-fold cross-validation over five splits"
	@$(GO) run ./cmd/partnergraph eval $(EVAL_ARGS) --folds 5 --repeats 5 $(EVAL_REPEAT_GATES)

# --- deps (owner: lead) -------------------------------------------------
# Installs the real components the end-to-end tests drive: Debian's
# Chromium, the notebook's Python packages and the npm packages of the
# browser and audit tests. Idempotent; CI runs it before `make test`.
PIP ?= python3 -m pip
deps:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@if [ -f examples/requirements.txt ]; then $(PIP) install -q -r examples/requirements.txt; fi
	@if [ -f web/package-lock.json ]; then cd web && npm ci --no-audit --no-fund --loglevel=error; fi

# --- test (owner: neo4j helper for the recipe) ----------------------------
# Starts a real Neo4j (tools/neo4j-test-server), runs every test with Neo4j
# required, stops the server even when tests fail, and exits with the tests'
# status. A server already started with `make neo4j-up` is reused and left up.
test:
	@was_up=0; $(NEO4J_SERVER) uri >/dev/null 2>&1 && was_up=1; \
	uri=$$($(NEO4J_SERVER) up) || exit 1; \
	echo "neo4j: $$uri"; \
	status=0; PARTNERGRAPH_TEST_NEO4J_URI=$$uri $(MAKE) --no-print-directory test-go || status=$$?; \
	[ $$was_up = 1 ] || $(NEO4J_SERVER) down; \
	exit $$status

# test-go runs every test and ends with a line counting the tests that ran
# and were skipped, in all and per real component (tools/testsummary).
test-go:
	@st=$$(mktemp); { $(GO) test -json -timeout 30m ./...; echo $$? >$$st; } | $(GO) run ./tools/testsummary; \
	sum=$$?; code=$$(cat $$st); rm -f $$st; [ "$$code" = 0 ] && [ "$$sum" = 0 ]

# --- fuzz (owner: reliability) -------------------------------------------
# fuzz explores every fuzz target for FUZZTIME each (CI runs it after make
# test); `make test` already runs their seed corpora as ordinary tests. A
# failing input is saved under the package's testdata/fuzz and fails the
# next `make test` until fixed. Go 1.26's fuzzing engine can end a
# duration-bounded run with a bare "context deadline exceeded" when a
# worker is starved of CPU at the deadline (golang/go#75804, fixed in Go
# 1.27): when that is the failure, no input was saved and the seed corpus
# passes, the log's tail is printed and the target is fuzzed again, up to
# three times in all; any other failure fails at once.
FUZZTIME ?= 10s
fuzz:
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | cut -c6-); do \
			echo "fuzz $$dir $$target ($(FUZZTIME))"; \
			log=$$(mktemp); attempt=1; \
			until $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$dir >$$log 2>&1; do \
				tail -n 20 $$log; \
				if [ $$attempt -lt 3 ] && grep -q 'context deadline exceeded' $$log && \
					[ -z "$$(git status --porcelain -- $$dir/testdata/fuzz)" ] && $(GO) test -run "^$$target\$$" $$dir >/dev/null; then \
					attempt=$$((attempt + 1)); echo "fuzz $$dir $$target: the engine's deadline race, no input saved; attempt $$attempt"; \
				else rm -f $$log; exit 1; fi; \
			done; rm -f $$log; \
		done; \
	done

# --- bench (owner: bench helper) -------------------------------------------
# bench runs every benchmark with tools/bench and writes one report of them,
# $(BENCH_OUT)/report.md and report.json: the machine, each step's exact
# command, wall time and status, and the figures. Steps: extract, gobench,
# load, neo4j-load, api, peer (the side-by-side comparison with
# @neo4j/graphql, about 30 minutes) and scale; the full run takes about an
# hour. Pick steps with STEPS=extract,api or leave some out with
# BENCH_SKIP=peer,scale; PEER_RESULTS=DIR imports a results directory of
# ../shared/peers/neo4j-graphql/run.sh instead of running it, SCALE_JSON=FILE
# a scale result; BENCH_FLAGS passes other flags (go run ./tools/bench -h).
# A failing step is in the report and makes the target fail. Raw logs go to
# .cache/bench. docs/bench/ holds the report docs/performance.md quotes
# (make bench BENCH_OUT=docs/bench).
BENCH_OUT ?= bench
STEPS ?=
BENCH_SKIP ?=
PEER_RESULTS ?=
SCALE_JSON ?=
BENCH_FLAGS ?=
bench:
	$(GO) run ./tools/bench -out '$(BENCH_OUT)' $(if $(STEPS),-steps '$(STEPS)') $(if $(BENCH_SKIP),-skip '$(BENCH_SKIP)') \
		$(if $(PEER_RESULTS),-peer-results '$(PEER_RESULTS)') $(if $(SCALE_JSON),-scale-json '$(SCALE_JSON)') $(BENCH_FLAGS)

# --- neo4j (owner: neo4j helper) ----------------------------------------
# neo4j-up builds tools/neo4j-test-server with Maven if needed (downloads are
# cached in ~/.m2), starts an in-process Neo4j 5.26 in the background with
# Bolt on 127.0.0.1 and auth off, waits until Bolt answers and prints its URI
# (state in .cache/neo4j-test-server/). neo4j-down stops it.
NEO4J_SERVER = tools/neo4j-test-server/neo4j-test-server.sh
.PHONY: neo4j-up neo4j-down neo4j-build bench-neo4j

neo4j-build:
	@$(NEO4J_SERVER) build

neo4j-up:
	@$(NEO4J_SERVER) up

neo4j-down:
	@$(NEO4J_SERVER) down

# bench-neo4j loads Reuters-21578 into a real Neo4j with the batched writer
# and with one transaction per fact, and reports upserts/s of both.
bench-neo4j:
	@was_up=0; $(NEO4J_SERVER) uri >/dev/null 2>&1 && was_up=1; \
	uri=$$($(NEO4J_SERVER) up) || exit 1; \
	status=0; PARTNERGRAPH_BENCH_NEO4J=1 PARTNERGRAPH_TEST_NEO4J_URI=$$uri $(GO) test -run '^$$' -bench 'Neo4jLoad' -benchtime 1x -timeout 60m ./neo4jstore/ || status=$$?; \
	[ $$was_up = 1 ] || $(NEO4J_SERVER) down; \
	exit $$status

# --- web (owner: graph-web helper) --------------------------------------
# web rebuilds the GraphiQL playground and graph widget bundles in
# graph/playground/assets from web/ (npm + esbuild). The bundles are
# committed, so `go build` and `go run ./cmd/partnergraph serve` need no npm.
# web-check fails when the committed bundles differ from a fresh build.
.PHONY: web web-check
web:
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build

# readme-picture runs the browser checks and copies their screenshot of the
# widget around SEGA to docs/img/widget-sega.png, the README's picture.
.PHONY: readme-picture
readme-picture:
	PARTNERGRAPH_UPDATE_PICTURE=1 $(GO) test -count=1 -run 'TestBrowser$$' ./e2e/

web-check: web
	@test -z "$$(git status --porcelain -- graph/playground/assets)" || { git status --short -- graph/playground/assets; echo "graph/playground/assets is stale: run make web and commit"; exit 1; }

# --- bench-load (resolution) --------------------------------------------
# bench-load times loading all of Reuters-21578 into the embedded store
# with this checkout and with the code before it (BENCH_BASE, default the
# merge base with main), alternating runs, and prints the medians and their
# ratio. See tools/bench-load.sh.
.PHONY: bench-load
bench-load:
	@tools/bench-load.sh

# --- bench-api (loadgen helper) -----------------------------------------
# bench-api measures GraphQL latency at a fixed request rate from a second
# process (tools/loadgen) on the graph loaded from all of Reuters-21578,
# on the embedded store (500 req/s) and on a private Neo4j (200 req/s), and
# prints a table. See tools/bench-api.sh for its knobs (BENCH_STORES, ...).
.PHONY: bench-api
bench-api:
	@tools/bench-api.sh
