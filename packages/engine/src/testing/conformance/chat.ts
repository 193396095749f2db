import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../ports/chat-store.ts';
import type { WeftStore } from '../../ports/weft-store.ts';
import { T0, type WeftConformanceContext } from './fixtures.ts';

type NewMessage = Omit<ChatMessage, 'seq'>;

function message(sessionId: string, content: string, overrides: Partial<NewMessage> = {}): NewMessage {
  return { workflowId: 'wf', sessionId, role: 'user', content, at: T0, ...overrides };
}

/** Appends `count` messages at once, alternating between the given store objects. */
async function appendAtOnce(stores: WeftStore[], sessionId: string, count: number): Promise<ChatMessage[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      (stores[i % stores.length] as WeftStore).appendChatMessage(message(sessionId, `m${i}`, { at: T0 + i })),
    ),
  );
}

/** Chat history: numbered per session, read back as the last N oldest first, sessions listed. */
export function describeChat(ctx: WeftConformanceContext): void {
  describe('chat', () => {
    it('numbers messages 1, 2, 3… per session and workflow', async () => {
      const store = ctx.store();
      const first = await store.appendChatMessage(message('s1', 'hello', { runId: 'r1' }));
      expect(first).toStrictEqual({ ...message('s1', 'hello', { runId: 'r1' }), seq: 1 });
      const second = await store.appendChatMessage(message('s1', 'hi', { role: 'assistant', at: T0 + 1 }));
      expect(second).toStrictEqual({ ...message('s1', 'hi', { role: 'assistant', at: T0 + 1 }), seq: 2 });
      expect((await store.appendChatMessage(message('s2', 'other session'))).seq).toBe(1);
      expect(
        (await store.appendChatMessage(message('s1', 'other workflow', { workflowId: 'wf2' }))).seq,
      ).toBe(1);
      expect((await store.appendChatMessage(message('s1', 'third'))).seq).toBe(3);
    });

    it('lists the last messages, oldest first', async () => {
      const store = ctx.store();
      for (let i = 1; i <= 5; i++) await store.appendChatMessage(message('s1', `m${i}`, { at: T0 + i }));
      await store.appendChatMessage(message('s2', 'elsewhere'));
      const list = async (limit: number) =>
        (await store.listChatMessages('wf', 's1', limit)).map((m) => `${m.seq}:${m.content}`);
      expect(await list(3)).toStrictEqual(['3:m3', '4:m4', '5:m5']);
      expect(await list(100)).toStrictEqual(['1:m1', '2:m2', '3:m3', '4:m4', '5:m5']);
      expect(await list(0)).toStrictEqual([]);
      expect(await store.listChatMessages('wf', 'nope', 10)).toStrictEqual([]);
      expect((await store.listChatMessages('wf', 's1', 1))[0]).toStrictEqual({
        ...message('s1', 'm5', { at: T0 + 5 }),
        seq: 5,
      });
    });

    it('never gives two concurrent appends the same seq', async () => {
      const appended = await appendAtOnce([ctx.store()], 's1', 25);
      expect(appended.map((m) => m.seq).sort((a, b) => a - b)).toStrictEqual(
        Array.from({ length: 25 }, (_, i) => i + 1),
      );
      const listed = await ctx.store().listChatMessages('wf', 's1', 100);
      expect(listed.map((m) => m.seq)).toStrictEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    });

    it('never gives two appends through different connections the same seq', async ({ skip }) => {
      const peer = await ctx.peer();
      if (!peer) return skip('the adapter cannot open a second connection to its database');
      const appended = await appendAtOnce([ctx.store(), peer], 's1', 30);
      expect(new Set(appended.map((m) => m.seq)).size).toBe(30);
      const listed = await peer.listChatMessages('wf', 's1', 100);
      expect(listed.map((m) => m.seq)).toStrictEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it('lists sessions with their size, most recently updated first', async () => {
      const store = ctx.store();
      await store.appendChatMessage(message('old', 'a', { at: T0 + 1 }));
      await store.appendChatMessage(message('busy', 'a', { at: T0 + 2 }));
      await store.appendChatMessage(message('busy', 'b', { at: T0 + 9 }));
      // Out of order: the session's time is its latest message's.
      await store.appendChatMessage(message('busy', 'c', { at: T0 + 3 }));
      await store.appendChatMessage(message('tie', 'a', { at: T0 + 1 }));
      await store.appendChatMessage(message('s1', 'a', { workflowId: 'other', at: T0 + 50 }));
      expect(await store.listChatSessions('wf')).toStrictEqual([
        { workflowId: 'wf', sessionId: 'busy', messages: 3, updatedAt: T0 + 9 },
        { workflowId: 'wf', sessionId: 'old', messages: 1, updatedAt: T0 + 1 },
        { workflowId: 'wf', sessionId: 'tie', messages: 1, updatedAt: T0 + 1 },
      ]);
      expect(await store.listChatSessions('none')).toStrictEqual([]);
    });
  });
}
