// live.js: a GraphQL subscription over server-sent events, read with
// fetch (EventSource cannot POST). The server's graphql-sse transport
// sends one "next" event per result and "complete" at the end; the stream
// is reopened with a growing delay when it breaks, until the signal aborts.

const MAX_DELAY = 30000;

/**
 * subscribe runs query on endpoint and calls onData(data) for every result,
 * and onState("live" | "offline", reason) when the stream opens or breaks.
 * It returns when signal is aborted.
 */
export async function subscribe(endpoint, query, { signal, onData, onState }) {
  let delay = 2000;
  while (!signal.aborted) {
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify({ query }),
        signal,
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!res.ok || !String(res.headers.get('Content-Type') || '').startsWith('text/event-stream') || !res.body) {
        throw new Error(`live updates unavailable (HTTP ${res.status})`);
      }
      onState('live');
      delay = 2000;
      await readEvents(res.body, (event, data) => {
        if (event !== 'next' || !data) return;
        try {
          const payload = JSON.parse(data);
          if (payload && payload.data) onData(payload.data);
        } catch {
          /* a malformed event is skipped */
        }
      });
      if (!signal.aborted) onState('offline', 'the stream ended');
    } catch (err) {
      if (signal.aborted) return;
      onState('offline', err && err.message ? err.message : String(err));
    }
    await new Promise((resolve) => {
      const t = setTimeout(resolve, delay);
      signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
    });
    delay = Math.min(delay * 2, MAX_DELAY);
  }
}

/** readEvents parses a text/event-stream body and calls emit(event, data). */
async function readEvents(body, emit) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let event = 'message';
  let data = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true });
    let nl;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl).replace(/\r$/, '');
      buf = buf.slice(nl + 1);
      if (line === '') {
        if (data.length) emit(event, data.join('\n'));
        event = 'message';
        data = [];
      } else if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
      }
    }
  }
}
