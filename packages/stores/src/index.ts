export * from './sqlite/open-sqlite-run-store.ts';
export type { Migration } from './migration.ts';
