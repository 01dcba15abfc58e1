// playground.jsx: the GraphiQL page served at / by graph/playground. The Go
// handler writes the GraphQL endpoint into the data-endpoint attribute of
// #graphiql; subscriptions run over graphql-ws (subscriptions.js).
// Everything else (scripts, styles, fonts) is bundled, so the page makes no
// request beyond its own origin and the endpoint.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createPlaygroundFetcher } from './subscriptions.js';
import { exampleTabs } from './examples.js';

const root = document.getElementById('graphiql');
const endpoint = root.dataset.endpoint || '/graphql';

createRoot(root).render(
  <GraphiQL
    fetcher={createPlaygroundFetcher(endpoint)}
    defaultTabs={exampleTabs}
    defaultQuery={exampleTabs[0].query}
    defaultEditorToolsVisibility="variables"
  />,
);
