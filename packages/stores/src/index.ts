export * from './sqlite/open-sqlite-run-store.ts';
export * from './artifacts/folder-artifact-store.ts';
export type { Migration } from './migration.ts';
