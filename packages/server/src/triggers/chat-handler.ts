import { ConflictError, NotFoundError, type ChatStore, type Engine, type Json, type RunStore } from '@weft/engine';
import { waitForReply, type Reply } from './wait-for-reply.ts';

/** What a chat turn needs. */
export interface ChatDeps {
  store: RunStore & ChatStore;
  engine: Engine;
  enqueue: (runId: string) => void;
  /** How long a turn may take before the reply says the run is still going. */
  timeoutMs: number;
  /** Epoch ms for message times (default `Date.now`). */
  now?: () => number;
}

/** One chat turn as the API receives it. */
export interface ChatTurn {
  workflowId: string;
  sessionId: string;
  message: string;
  stream: boolean;
}

/**
 * A chat turn: stores the user's message, starts a run whose input is the message and the
 * session's earlier messages, and answers with the reply — streamed over SSE (`run`, `token`,
 * `reply` events) or as JSON. The reply is the first `respond` step's body, else the run's output.
 */
export async function handleChatTurn(turn: ChatTurn, deps: ChatDeps): Promise<Response> {
  const latest = await deps.store.getWorkflowVersion(turn.workflowId);
  if (!latest) throw new NotFoundError(`Workflow '${turn.workflowId}' not found`);
  const trigger = latest.definition.triggers?.find((t) => t.type === 'chat');
  if (!trigger || trigger.type !== 'chat') {
    throw new ConflictError(`Workflow '${turn.workflowId}' has no chat trigger: add { type: chat } to its triggers`);
  }
  const history = await deps.store.listChatMessages(turn.workflowId, turn.sessionId, trigger.historyLimit);
  const now = deps.now ?? Date.now;
  await deps.store.appendChatMessage({ workflowId: turn.workflowId, sessionId: turn.sessionId, role: 'user', content: turn.message, at: now() });
  const { run } = await deps.engine.startRun({
    workflowId: turn.workflowId,
    version: latest.version,
    enqueueOnly: true,
    input: {
      message: turn.message,
      sessionId: turn.sessionId,
      history: history.map((m) => ({ role: m.role, content: m.content })),
    },
  });
  const reply = waitForReply({ engine: deps.engine, store: deps.store, run, timeoutMs: deps.timeoutMs }).then(async (r) => {
    const text = replyText(r);
    if (text !== undefined) {
      await deps.store.appendChatMessage({
        workflowId: turn.workflowId,
        sessionId: turn.sessionId,
        role: 'assistant',
        content: text,
        runId: run.id,
        at: now(),
      });
    }
    return { reply: r, text };
  });

  if (!turn.stream) {
    deps.enqueue(run.id);
    const { reply: r, text } = await reply;
    const status = r.kind === 'finished' ? r.run.status : r.kind === 'timeout' ? 'running' : 'replied';
    return Response.json({ runId: run.id, sessionId: turn.sessionId, reply: text ?? null, status }, { status: text === undefined ? 202 : 200 });
  }

  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  // Set when the client went away: the run goes on (its reply is still stored), nothing more is sent.
  let gone = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (event: string, data: Json) => {
        if (!gone) controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
      };
      send('run', { runId: run.id, sessionId: turn.sessionId });
      unsubscribe = deps.engine.subscribe(run.id, (event) => {
        if (event.type === 'llm.token') send('token', { text: (event.data as { text?: string }).text ?? '' });
      });
      deps.enqueue(run.id);
      void reply.then(({ reply: r, text }) => {
        unsubscribe();
        if (text !== undefined) send('reply', { text, runId: run.id });
        else send('error', { message: r.kind === 'timeout' ? 'The run is still going' : `The run ${r.kind === 'finished' ? r.run.status : 'ended'}: ${r.kind === 'finished' ? (r.run.error?.message ?? '') : ''}` });
        if (!gone) controller.close();
      }, (error: unknown) => {
        unsubscribe();
        if (!gone) controller.error(error);
      });
    },
    cancel() {
      gone = true;
      unsubscribe();
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
}

function replyText(reply: Reply): string | undefined {
  if (reply.kind === 'respond') {
    const body = (reply.output as { body?: Json } | null)?.body ?? reply.output;
    return typeof body === 'string' ? body : JSON.stringify(body);
  }
  if (reply.kind === 'finished' && reply.run.status === 'succeeded') {
    const output = reply.run.output ?? null;
    return typeof output === 'string' ? output : JSON.stringify(output);
  }
  return undefined;
}
