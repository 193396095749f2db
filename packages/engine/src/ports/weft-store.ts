import type { ChatStore } from './chat-store.ts';
import type { CredentialStore } from './credential-store.ts';
import type { RunStore } from './run-store.ts';
import type { ScheduleStore } from './schedule-store.ts';
import type { TokenStore } from './token-store.ts';
import type { WorkflowCatalog } from './workflow-catalog.ts';

/**
 * Everything Weft keeps in its database, as one object: runs, the workflow catalog, credentials, API
 * tokens, schedules and chat history. `openSqliteStore` (in `@weft/stores`) and `MemoryRunStore` (in
 * `@weft/engine/testing`) implement it; `describeWeftStoreConformance` checks an adapter.
 */
export type WeftStore = RunStore & WorkflowCatalog & CredentialStore & TokenStore & ScheduleStore & ChatStore;
