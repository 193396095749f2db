import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@weft/cli';
import type { RunEvent, RunRecord, StepRecord } from '@weft/engine';
import { lastUserText, startLoopbackProvider, type LoopbackProvider, type LoopbackRequest } from '@weft/testing';

const here = import.meta.dirname;
let provider: LoopbackProvider;
let web: Server;
let webUrl: string;
let home: string;
let reviews = 0;

/** A scripted model that answers each example's prompts the way a real one would. */
function reply(request: LoopbackRequest) {
  const prompt = lastUserText(request);
  if (request.tools.some((t) => t.name === 'http_fetch')) {
    const fetched = request.messages.flatMap((m) => m.toolResults ?? []);
    if (fetched.length === 0) return { toolCalls: [{ name: 'http_fetch', input: { url: `${webUrl}/component-model` } }] };
    expect(fetched[0]?.content).toContain('Components talk through WIT interfaces');
    return { text: `NOTES: Components talk through WIT interfaces (source: ${webUrl}/component-model).` };
  }
  if (prompt.startsWith('Summarize these research notes')) return { text: `SUMMARY: - ${prompt.split('\n').at(-1)}` };
  if (prompt.startsWith('Write a short, friendly email')) return { text: 'EMAIL: Hi! Here is what I learned.' };
  if (prompt.startsWith('Explain')) return { text: `It means ${prompt.slice(8, -17)} keeps going after a crash.` };
  if (prompt.startsWith('List three short section titles')) return { text: '{"sections": ["Life", "Tides", "Care"]}' };
  if (prompt.startsWith('Write two sentences')) return { text: `About ${/'(.*)'/.exec(prompt)?.[1]}. More words.` };
  if (prompt.startsWith('Score this article')) {
    reviews++;
    return { text: reviews === 1 ? '{"score": 5, "feedback": "Add an example."}' : '{"score": 9, "feedback": "Good."}' };
  }
  if (prompt.startsWith('Revise the article')) return { text: 'Revised article with an example.' };
  return { error: { status: 400, message: `unexpected prompt: ${prompt.slice(0, 80)}` } };
}

beforeAll(async () => {
  provider = await startLoopbackProvider({ provider: 'openai', reply });
  web = createServer((req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<html><head><title>Component model</title><script>alert(1)</script></head><body><h1>The component model</h1><p>Components talk through WIT interfaces.</p></body></html>');
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  home = await mkdtemp(join(tmpdir(), 'weft-examples-'));
});

afterAll(async () => {
  await provider.close();
  await new Promise((resolve) => web.close(resolve));
  await rm(home, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  return {
    WEFT_HOME: home,
    WEFT_MODEL: 'openai:some-model',
    OPENAI_BASE_URL: provider.url,
    OPENAI_API_KEY: 'x',
    WEFT_EGRESS_ALLOW: '127.0.0.1',
  };
}

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function weft(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, env());
  return { code, stdout, stderr };
}

async function runExample(file: string, input: string) {
  const result = await weft('run', join(here, file), '--input', input, '--json');
  const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
  const runId = events[0]?.runId as string;
  const shown = await weft('show', runId, '--json');
  return { ...result, events, ...(JSON.parse(shown.stdout) as { run: RunRecord; steps: StepRecord[] }) };
}

describe('examples', () => {
  it('research-summarize-draft: three succeeded steps, each fed by the one before', async () => {
    const r = await runExample('research-summarize-draft.yaml', 'WebAssembly component model');
    expect(r.code, r.stderr).toBe(0);
    expect(r.run.status).toBe('succeeded');
    expect(r.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['research', 'succeeded'],
      ['summarize', 'succeeded'],
      ['draft', 'succeeded'],
    ]);
    const [research, summarize, draft] = r.steps.map((s) => s.attempts.at(-1));
    expect(JSON.stringify(summarize?.input)).toContain('NOTES: Components talk through WIT interfaces');
    expect(JSON.stringify(draft?.input)).toContain('SUMMARY:');
    expect(research?.toolCalls?.[0]?.name).toBe('http_fetch');
    expect(JSON.stringify(research?.toolCalls?.[0]?.output)).toContain('Components talk through WIT interfaces');
    expect(JSON.stringify(research?.toolCalls?.[0]?.output)).not.toContain('alert(1)');
    for (const attempt of [research, summarize, draft]) {
      expect(attempt?.model).toBe('openai:some-model');
      expect(attempt?.usage?.totalTokens).toBeGreaterThan(0);
    }
    expect(r.run.output).toBe('EMAIL: Hi! Here is what I learned.');
    expect(r.events.some((e) => e.type === 'llm.token')).toBe(true);
    expect(r.events.some((e) => e.type === 'llm.tool_call')).toBe(true);

    const human = await weft('show', r.run.id);
    expect(human.stdout).toContain('tool call http_fetch');
    expect(human.stdout).toContain('model     openai:some-model');
    expect(human.stdout).toMatch(/tokens\s+\d+ tokens/);
  });

  it('explain-concept: a prompt template with {{ input }}', async () => {
    const r = await runExample('explain-concept.yaml', 'durable execution');
    expect(r.code, r.stderr).toBe(0);
    expect(r.run.output).toBe('It means durable execution keeps going after a crash.');
    expect(r.steps[0]?.attempts[0]?.input).toMatchObject({ prompt: 'Explain durable execution in one sentence.' });
  });

  it('outline-write-review: map, parallel branches, a review loop and a branch', async () => {
    reviews = 0;
    const r = await runExample('outline-write-review.yaml', 'tide pools');
    expect(r.code, r.stderr).toBe(0);
    const ids = r.steps.map((s) => s.stepId);
    expect(ids).toEqual(expect.arrayContaining(['write[0]', 'write[1]', 'write[2]', 'draft', 'draft#2', 'review#2', 'revise', 'publish']));
    // The second review passes, so the second round's revise is on the path not taken.
    expect(r.steps.find((s) => s.stepId === 'revise#2')?.status).toBe('skipped');
    expect(r.run.output).toEqual({
      article: 'Revised article with an example.',
      score: 9,
      stats: { sections: 3, words: 12 },
    });
  });

  it('weft validate accepts every example', async () => {
    for (const file of ['research-summarize-draft.yaml', 'explain-concept.yaml', 'outline-write-review.yaml']) {
      const r = await weft('validate', join(here, file));
      expect(r.code, r.stderr).toBe(0);
    }
  });
});
