// fetcher.js: the one HTTP client the playground and the widget share. It
// speaks GraphQL over HTTP (POST, JSON body) to a single endpoint and asks
// for application/graphql-response+json, falling back to application/json.

/**
 * createFetcher returns a GraphiQL-compatible fetcher that POSTs every
 * operation to endpoint and resolves with the parsed JSON body, whatever the
 * HTTP status (a 400 still carries a GraphQL `errors` list worth showing).
 */
export function createFetcher(endpoint) {
  return async function fetcher(params, opts) {
    const headers = {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json;q=0.9',
      ...(opts && opts.headers ? opts.headers : {}),
    };
    const res = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(params),
      credentials: 'same-origin',
    });
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      return { errors: [{ message: `HTTP ${res.status}: response is not JSON`, extensions: { body: text.slice(0, 500) } }] };
    }
  };
}

/**
 * query runs one operation and returns its data, throwing an Error that
 * carries every GraphQL error message when the response has errors and no
 * data.
 */
export async function query(endpoint, source, variables) {
  const result = await createFetcher(endpoint)({ query: source, variables });
  if (result.errors && result.errors.length && !result.data) {
    throw new Error(result.errors.map((e) => e.message).join('; '));
  }
  return result.data || {};
}
