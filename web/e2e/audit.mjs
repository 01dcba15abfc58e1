// audit.mjs runs the graphql-http server audits (the GraphQL over HTTP
// spec's conformance suite) against a running endpoint and prints the
// results as one JSON array on stdout. e2e/audit_test.go runs it and judges
// the results; by hand:
//
//   node web/e2e/audit.mjs --url http://127.0.0.1:8080/graphql
import { serverAudits } from 'graphql-http';

const i = process.argv.indexOf('--url');
const url = i > 0 ? process.argv[i + 1] : 'http://127.0.0.1:8080/graphql';

const results = [];
for (const audit of serverAudits({ url, fetchFn: fetch })) {
  let r;
  try {
    r = await audit.fn();
  } catch (err) {
    r = { id: audit.id, name: audit.name, status: 'error', reason: `audit threw: ${err && err.message ? err.message : err}` };
  }
  results.push({ id: r.id, name: r.name, status: r.status, reason: r.reason || '' });
}
process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
