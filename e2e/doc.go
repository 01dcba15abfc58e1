// Package e2e holds end-to-end tests that build the partnergraph binary,
// start it on a free loopback port with the sample articles loaded into an
// in-memory store, and drive it with real clients: Debian's Chromium
// through playwright-core (web/e2e/browser.mjs: the README's tour through
// the playground and the widget, embedding, hostile text, offline), the
// graphql-http audit suite (GraphQL over HTTP conformance) and Jupyter
// (jupyter nbconvert --execute examples/notebook.ipynb, on the sample and
// on a slice of ../shared/datasets).
//
// Each test declares the component it drives (tools/testsummary counts
// them in make test), skips when it is missing, and fails instead when the
// environment variable CI is "true". Install the components with make deps:
//
//	apt-get install -y chromium nodejs npm
//	(cd web && npm ci)
//	pip install -r examples/requirements.txt
package e2e
