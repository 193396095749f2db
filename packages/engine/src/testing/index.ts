export * from './memory-run-store.ts';
export * from './run-store-conformance.ts';
export * from './weft-store-conformance.ts';
export * from './fake-clock.ts';
export * from './scripted-model.ts';
export * from './test-nodes.ts';
