// subscriptions.js: the playground's fetcher. Queries and mutations go
// over HTTP (fetcher.js); subscriptions over graphql-ws, a WebSocket to the
// same endpoint with the graphql-transport-ws subprotocol, and GraphiQL
// shows each event as it arrives.
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { createFetcher } from './fetcher.js';

/**
 * operation returns the operation GraphiQL runs and its name as the request
 * should carry it. GraphiQL can send the operation name of the tab it just
 * left; a name the document does not define is dropped when the document
 * holds one operation.
 */
export function operation(source, operationName) {
  try {
    const ops = parse(source).definitions.filter((d) => d.kind === 'OperationDefinition');
    let op = operationName ? ops.find((o) => o.name && o.name.value === operationName) : ops[0];
    let name = operationName;
    if (!op && ops.length === 1) {
      [op] = ops;
      name = op.name ? op.name.value : undefined;
    }
    return { kind: op ? op.operation : 'query', name };
  } catch {
    return { kind: 'query', name: operationName }; // the server answers the syntax error
  }
}

/** wsURL turns an HTTP endpoint (absolute or a path) into its WebSocket URL. */
export function wsURL(endpoint, base) {
  const u = new URL(endpoint, base);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.href;
}

/** createPlaygroundFetcher returns a GraphiQL fetcher for endpoint. */
export function createPlaygroundFetcher(endpoint) {
  const http = createFetcher(endpoint);
  let client = null;
  return (params, opts) => {
    const op = operation(params.query, params.operationName);
    const request = { ...params, operationName: op.name || undefined };
    if (op.kind !== 'subscription') return http(request, opts);
    if (!client) client = createClient({ url: wsURL(endpoint, window.location.href), lazy: true, retryAttempts: 3 });
    return client.iterate({ query: request.query, variables: request.variables || undefined, operationName: request.operationName });
  };
}
