import { MemoryRunStore } from './memory-run-store.ts';
import { describeRunStoreConformance } from './run-store-conformance.ts';

describeRunStoreConformance('MemoryRunStore', async () => {
  const store = new MemoryRunStore();
  return { store, cleanup: () => store.close() };
});
