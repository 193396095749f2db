export { createTestEngine, toWorkflow } from './run-workflow.ts';
export type { RunView, TestEngine, TestEngineOptions, WorkflowSource } from './run-workflow.ts';
