import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WeftStore } from '../ports/weft-store.ts';
import { describeChat } from './conformance/chat.ts';
import { describeCredentials } from './conformance/credentials.ts';
import { expectCode, type WeftConformanceContext } from './conformance/fixtures.ts';
import { describeSchedules } from './conformance/schedules.ts';
import { describeTokens } from './conformance/tokens.ts';
import { describeWorkflowCatalog } from './conformance/workflow-catalog.ts';
import { describeRunStoreTests } from './run-store-conformance.ts';

/** An empty store for one test, and how to dispose of it (`cleanup` must tolerate an already closed store). */
export interface OpenedWeftStore {
  store: WeftStore;
  cleanup(): Promise<void>;
  /**
   * Opens another store object on the same database, as a second process would. Give it when the
   * adapter can share a database: the suite then checks that claims and appends stay exclusive across
   * connections. The suite closes these stores itself, before `cleanup`.
   */
  openPeer?(): Promise<WeftStore>;
}

/**
 * The vitest suite every `WeftStore` adapter must pass: the whole `RunStore` suite plus the workflow
 * catalog, credentials, tokens, schedules and chat. `open` is called for each test.
 *
 * @example describeWeftStoreConformance('memory', async () => ({ store: new MemoryRunStore(), cleanup: async () => {} }));
 */
export function describeWeftStoreConformance(name: string, open: () => Promise<OpenedWeftStore>): void {
  describe(`WeftStore conformance: ${name}`, () => {
    let opened: OpenedWeftStore | undefined;
    const peers: WeftStore[] = [];
    const ctx: WeftConformanceContext = {
      store() {
        if (!opened) throw new Error('The store is only open inside a test.');
        return opened.store;
      },
      async peer() {
        if (!opened) throw new Error('The store is only open inside a test.');
        const peer = await opened.openPeer?.();
        if (peer) peers.push(peer);
        return peer;
      },
    };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      for (const peer of peers.splice(0)) await peer.close();
      await opened?.cleanup();
      opened = undefined;
    });

    describeRunStoreTests(ctx);
    describeWorkflowCatalog(ctx);
    describeCredentials(ctx);
    describeTokens(ctx);
    describeSchedules(ctx);
    describeChat(ctx);

    it('refuses every kind of work once closed', async () => {
      const store = ctx.store();
      await store.close();
      await expectCode(store.listWorkflows({}), 'STORE_ERROR');
      await expectCode(store.getCredential('c'), 'STORE_ERROR');
      await expectCode(store.countTokens(), 'STORE_ERROR');
      await expectCode(store.dueSchedules(0, 10), 'STORE_ERROR');
      await expectCode(store.listChatSessions('wf'), 'STORE_ERROR');
      await expect(store.close()).resolves.toBeUndefined();
    });
  });
}
