# partnergraph — build, test and benchmark targets.
# `make test` is the README's test command and what CI runs.

GO ?= go
export CI

.PHONY: all build generate test test-go bench vet

all: build

build:
	$(GO) build -o bin/partnergraph ./cmd/partnergraph

generate:
	$(GO) tool gqlgen generate

vet:
	$(GO) vet ./...

# --- test (owner: lead) -------------------------------------------------
test: test-go

test-go:
	$(GO) test ./...

# --- bench --------------------------------------------------------------
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
