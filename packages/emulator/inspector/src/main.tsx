import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { controlBase, controlCall } from './control-api.js';
import { InspectorProvider } from './inspector-context.js';
import { inspectorStore } from './inspector-store.js';
import './style.css';

// One store for the page's life: it closes when the page goes, and a page brought back from the
// back/forward cache loads anew rather than show a stream that was closed.
const store = inspectorStore({
  load: (path) => controlCall(path),
  openStream: () => new EventSource(`${controlBase}/live`),
});
addEventListener('pagehide', () => store.close());
addEventListener('pageshow', (event) => {
  if (event.persisted) location.reload();
});

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <InspectorProvider store={store}>
      <App />
    </InspectorProvider>,
  );
