import { WeftError } from '../errors.ts';
import { WeftStoreFacade } from '../store-support/weft-store-facade.ts';
import { MemoryCatalog } from './memory-catalog.ts';
import { MemoryChat } from './memory-chat.ts';
import { MemoryCredentials } from './memory-credentials.ts';
import { MemoryRuns } from './memory-runs.ts';
import { MemorySchedules } from './memory-schedules.ts';
import { MemoryTokens } from './memory-tokens.ts';

interface Parts {
  runs: MemoryRuns;
  catalog: MemoryCatalog;
  credentials: MemoryCredentials;
  tokens: MemoryTokens;
  schedules: MemorySchedules;
  chat: MemoryChat;
}

/**
 * A `WeftStore` held in memory (runs, workflow catalog, credentials, tokens, schedules, chat), with
 * the same semantics as the SQL stores. Each port lives in its own part; the facade hands each call
 * to its part once the store is known to be open. Values are copied on the way in and out.
 *
 * @example const store = new MemoryRunStore();
 */
export class MemoryRunStore extends WeftStoreFacade {
  readonly #parts: Parts;
  #closed = false;

  constructor() {
    super();
    const catalog: MemoryCatalog = new MemoryCatalog({
      versions: (workflowId) => runs.versions(workflowId),
      record: (runId) => runs.record(runId),
    });
    const runs = new MemoryRuns(catalog);
    this.#parts = {
      runs,
      catalog,
      credentials: new MemoryCredentials(),
      tokens: new MemoryTokens(),
      schedules: new MemorySchedules(),
      chat: new MemoryChat(),
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  /** The parts, once the store is known to be open. */
  protected override parts(): Parts {
    if (this.#closed) throw new WeftError('STORE_ERROR', 'The store is closed.');
    return this.#parts;
  }
}
