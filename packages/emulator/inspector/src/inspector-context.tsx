import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { InspectorData, InspectorStore } from './inspector-store.js';

const InspectorContext = createContext<InspectorStore | null>(null);

export function InspectorProvider({ store, children }: { store: InspectorStore; children: ReactNode }) {
  return <InspectorContext.Provider value={store}>{children}</InspectorContext.Provider>;
}

/** The inspector's data now; the component renders again when it changes. */
export function useInspectorData(): InspectorData {
  const store = useContext(InspectorContext);
  if (!store) throw new Error('useInspectorData needs an <InspectorProvider> around it');
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
