import { MemoryRunStore } from './memory-run-store.ts';
import { describeWeftStoreConformance } from './weft-store-conformance.ts';

describeWeftStoreConformance('MemoryRunStore', async () => {
  const store = new MemoryRunStore();
  return { store, cleanup: () => store.close() };
});
