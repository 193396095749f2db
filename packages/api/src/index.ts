/**
 * The Weft HTTP API contract: zod schemas of every route's params, query, body and answer, the run
 * event schema and the error body, with routes as data. No handlers and no engine runtime: the web
 * UI imports this package.
 */
export * from './route.ts';
export * from './schemas/common.ts';
export * from './schemas/runs.ts';
export * from './schemas/events.ts';
export * from './schemas/workflows.ts';
export * from './schemas/node-types.ts';
export * from './schemas/system.ts';
export * from './schemas/triggers.ts';
export * from './schemas/credentials.ts';
export * from './schemas/tokens.ts';
export * from './schemas/templates.ts';
export * from './schemas/artifacts.ts';
export * from './routes/index.ts';
export type { WorkflowDefinition, WorkflowInput } from '@weft/engine';
