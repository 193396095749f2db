import { lastUserText, startLoopbackProvider, type LoopbackProvider, type LoopbackReply, type LoopbackRequest } from '@weft/testing';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { buildUiIfStale } from './ui-build.ts';
import { startWeft, type WeftProcess } from './weft-process.ts';

/** What the browser tests run against: a built UI, a loopback OpenAI model, `weft serve`, Chromium. */
export interface UiStack {
  model: LoopbackProvider;
  weft: WeftProcess;
  browser: Browser;
  /** Creates a workflow through the API (for tests about something other than building one). */
  createWorkflow(definition: Record<string, unknown>): Promise<string>;
  stop(): Promise<void>;
}

/** Model calls whose prompt says `flaky` fail (HTTP 400, not retried) until this many calls have failed. */
const FLAKY_FAILURES = 1;

/**
 * The loopback model: streams a Markdown answer word by word, slowly enough to watch; a prompt with
 * `flaky` fails once; a chat prompt is answered by echoing its last `user:` line.
 */
function reply(state: { flakyFailures: number }) {
  return (request: LoopbackRequest): LoopbackReply => {
    const asked = lastUserText(request);
    if (asked.includes('flaky') && state.flakyFailures < FLAKY_FAILURES) {
      state.flakyFailures += 1;
      return { error: { status: 400, message: 'The loopback model rejected this prompt (flaky on purpose)' } };
    }
    // A chat prompt ends with `user: <message>`; answer that line.
    const said = asked.split('user: ').at(-1)?.trim() ?? asked;
    const words = `## Answer\n\nYou said: **${said.slice(0, 80)}**\n\n- one\n- two\n- three`.split(/(?<= )/);
    return { textChunks: words, chunkDelayMs: 70, usage: { inputTokens: 30, outputTokens: words.length } };
  };
}

export async function startUiStack(): Promise<UiStack> {
  buildUiIfStale();
  const model = await startLoopbackProvider({ provider: 'openai', reply: reply({ flakyFailures: 0 }) });
  const weft = await startWeft({ OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'loopback', WEFT_MODEL: 'openai:gpt-4o-mini' });
  const browser = await launchBrowser();
  return {
    model,
    weft,
    browser,
    async createWorkflow(definition) {
      const response = await fetch(`${weft.url}/api/workflows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(definition),
      });
      if (response.status !== 201) throw new Error(`create workflow: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { workflow: { id: string } };
      return body.workflow.id;
    },
    async stop() {
      await browser.close();
      await weft.stop();
      await model.close();
    },
  };
}
