// Package e2e holds end-to-end tests that build the partnergraph binary,
// start it on a free loopback port with the sample articles loaded into an
// in-memory store, and drive it with real clients: Debian's Chromium through
// playwright-core (the playground, the widget, offline and XSS checks), the
// graphql-http audit suite (GraphQL over HTTP conformance) and a Jupyter
// kernel executing examples/notebook.ipynb through nbclient.
//
// Each test skips when its component (node and web/node_modules, Chromium,
// Python with examples/requirements.txt) is missing, and fails instead when
// the environment variable CI is "true". Install the components with
//
//	apt-get install -y chromium nodejs npm
//	(cd web && npm ci)
//	pip install -r examples/requirements.txt
package e2e
