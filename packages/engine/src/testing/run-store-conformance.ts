import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStore } from '../ports/run-store.ts';
import { describeCommit } from './conformance/commit.ts';
import { describeEvents } from './conformance/events.ts';
import { expectCode, type ConformanceContext } from './conformance/fixtures.ts';
import { describeJsonFidelity } from './conformance/json-fidelity.ts';
import { describeLeases } from './conformance/leases.ts';
import { describeListRuns } from './conformance/list-runs.ts';
import { describeRuns } from './conformance/runs.ts';
import { describeSteps } from './conformance/steps.ts';
import { describeWorkflowVersions } from './conformance/workflow-versions.ts';

/** An empty store for one test, and how to dispose of it (`cleanup` must tolerate an already closed store). */
export interface OpenedRunStore {
  store: RunStore;
  cleanup(): Promise<void>;
}

/**
 * The vitest suite every `RunStore` adapter must pass; `open` is called for each test. Adapters of the
 * whole `WeftStore` use `describeWeftStoreConformance`, which includes this suite.
 *
 * @example describeRunStoreConformance('memory', async () => ({ store: new MemoryRunStore(), cleanup: async () => {} }));
 */
export function describeRunStoreConformance(name: string, open: () => Promise<OpenedRunStore>): void {
  describe(`RunStore conformance: ${name}`, () => {
    let opened: OpenedRunStore | undefined;
    const ctx: ConformanceContext = {
      store() {
        if (!opened) throw new Error('The store is only open inside a test.');
        return opened.store;
      },
    };
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });
    describeRunStoreTests(ctx);
  });
}

/** The tests of the `RunStore` suite, inside the caller's `describe` (which opens a store per test). */
export function describeRunStoreTests(ctx: ConformanceContext): void {
  describeWorkflowVersions(ctx);
  describeRuns(ctx);
  describeListRuns(ctx);
  describeCommit(ctx);
  describeSteps(ctx);
  describeEvents(ctx);
  describeLeases(ctx);
  describeJsonFidelity(ctx);

  describe('close', () => {
    it('closes once, tolerates a second close, and refuses work afterwards', async () => {
      const store = ctx.store();
      await store.close();
      await expect(store.close()).resolves.toBeUndefined();
      await expectCode(store.getRun('r1'), 'STORE_ERROR');
    });
  });
}
