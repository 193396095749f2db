import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@weft/cli';
import { serveInProcess } from './support/serve-in-process.ts';
import type { RunEvent, RunRecord, StepRecord } from '@weft/engine';
import { createFolderArtifactStore } from '@weft/stores';
import { lastUserText, startLoopbackProvider, type LoopbackProvider, type LoopbackRequest } from '@weft/testing';

const here = import.meta.dirname;
let provider: LoopbackProvider;
let api: Server;
let apiUrl: string;
let home: string;
/** Requests the loopback ticket API received. */
const tickets: { path: string; headers: IncomingMessage['headers']; body: unknown }[] = [];

const PROJECT_FILES = [
  {
    path: 'package.json',
    content: JSON.stringify({ name: 'slugify', version: '1.0.0', type: 'module', scripts: { test: 'node --test' } }, null, 2),
  },
  {
    path: 'src/slugify.js',
    content: "export function slugify(text) {\n  return text.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');\n}\n",
  },
  {
    path: 'test/slugify.test.js',
    content:
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { slugify } from '../src/slugify.js';\n\n" +
      "test('slugify', () => {\n  assert.equal(slugify(' Hello, World! '), 'hello-world');\n});\n",
  },
];

/** The tool results sent back to the model so far in this conversation. */
function toolResults(request: LoopbackRequest) {
  return request.messages.flatMap((m) => m.toolResults ?? []);
}

/** A scripted model that answers each template's prompts the way a real one would. */
function reply(request: LoopbackRequest) {
  const prompt = lastUserText(request);
  if (request.tools.some((t) => t.name === 'calculator')) {
    // The chat agent: computes when asked, otherwise answers from the history it was given.
    const results = toolResults(request);
    if (prompt.includes('user: What is 17% of 2340?')) {
      if (results.length === 0) return { toolCalls: [{ name: 'calculator', input: { expression: '2340 * 0.17' } }] };
      const { result } = JSON.parse(results[0]?.content ?? '{}') as { result?: number };
      return { text: `17% of 2340 is ${result}.` };
    }
    const history = /Conversation so far:\n([\s\S]*?)\n\nuser: (.*)\n?$/.exec(prompt);
    return { text: `turn ${history?.[1]?.split('\n').filter((l) => l.startsWith('user: ')).length ?? 0}: you said "${history?.[2]}"` };
  }
  if (prompt.startsWith('Write a short plan')) return { text: '# Plan\n- slugify(text) in src/slugify.js\n- one node:test test' };
  if (prompt.startsWith('Write every file of this project')) return { text: JSON.stringify({ files: PROJECT_FILES }) };
  if (prompt.startsWith('Classify this text')) {
    const label = /crash/i.test(prompt) ? 'bug' : /invoice|refund/i.test(prompt) ? 'billing' : 'other';
    return { text: JSON.stringify({ labels: [label], confidence: 0.9 }) };
  }
  return { error: { status: 400, message: `unexpected prompt: ${prompt.slice(0, 80)}` } };
}

beforeAll(async () => {
  provider = await startLoopbackProvider({ provider: 'openai', reply });
  api = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      tickets.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(raw || 'null') as unknown });
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `T-${tickets.length}` }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  home = await mkdtemp(join(tmpdir(), 'weft-templates-'));
});

afterAll(async () => {
  await provider.close();
  await new Promise((resolve) => api.close(resolve));
  await rm(home, { recursive: true, force: true });
});

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    WEFT_HOME: home,
    WEFT_MODEL: 'openai:some-model',
    OPENAI_BASE_URL: provider.url,
    OPENAI_API_KEY: 'x',
    WEFT_EGRESS_ALLOW: '127.0.0.1',
    ...extra,
  };
}

/** Runs the CLI in-process and returns its exit code and what it printed. */
async function weft(argv: string[], extra: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, env(extra));
  return { code, stdout, stderr };
}

/** A real `weft serve` on port 0 (in-process), with `add(file)` to create a template from examples/. */
async function serve(extra: NodeJS.ProcessEnv = {}) {
  const server = await serveInProcess(env(extra));
  return { ...server, add: async (file: string) => server.addWorkflow(await readFile(join(here, file), 'utf8')) };
}

describe('templates', () => {
  it('project-bootstrap: plans, writes a Node project, runs its tests and keeps the output', async () => {
    const result = await weft(['run', join(here, 'project-bootstrap.yaml'), '--input', 'a slugify(text) helper', '--json'], { WEFT_SHELL: 'on' });
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
    const runId = events[0]?.runId as string;
    const shown = JSON.parse((await weft(['show', runId, '--json'])).stdout) as { run: RunRecord; steps: StepRecord[] };
    expect(shown.run.status).toBe('succeeded');
    const output = (id: string) => shown.steps.find((s) => s.stepId === id)?.attempts.at(-1)?.output as Record<string, unknown>;
    expect(output('write[2]')).toMatchObject({ path: 'test/slugify.test.js' });
    const test = output('test');
    expect(test['exitCode']).toBe(0);
    expect(test['stdout']).toMatch(/pass 1\b/);
    expect(test['stdout']).toMatch(/fail 0\b/);

    const workspace = join(home, 'workspaces', 'runs', runId);
    expect(await readFile(join(workspace, 'PLAN.md'), 'utf8')).toContain('slugify(text)');
    expect(await readFile(join(workspace, 'TEST-OUTPUT.txt'), 'utf8')).toMatch(/^exit code 0\n\n[\s\S]*pass 1\b/);
    const artifacts = await createFolderArtifactStore({ root: join(home, 'artifacts') }).list(runId);
    expect(artifacts.map((a) => a.name)).toEqual(
      // Artifact names are flattened (`src/slugify.js` → `src_slugify.js`); the shell step keeps its own log.
      expect.arrayContaining(['PLAN.md', 'package.json', 'src_slugify.js', 'test_slugify.test.js', 'shell-test.log', 'TEST-OUTPUT.txt']),
    );
  });

  it('project-bootstrap: refused with a clear error while shell steps are off', async () => {
    const result = await weft(['run', join(here, 'project-bootstrap.yaml'), '--input', 'a slugify(text) helper']);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/WEFT_SHELL/);
  });

  it('chat-assistant: three turns over a real server; the history reaches the agent, the calculator answers', async () => {
    const server = await serve();
    try {
      await server.add('chat-assistant.yaml');
      const first = await server.post('/api/chat/chat-assistant', { sessionId: 's1', message: 'hello' });
      expect(first).toMatchObject({ status: 200, json: { reply: 'turn 0: you said "hello"' } });
      const second = await server.post('/api/chat/chat-assistant', { sessionId: 's1', message: 'and again' });
      expect(second.json['reply']).toBe('turn 1: you said "and again"');
      const third = await server.post('/api/chat/chat-assistant', { sessionId: 's1', message: 'What is 17% of 2340?' });
      expect(third.json['reply']).toBe('17% of 2340 is 397.8.');
      const last = provider.requests.at(-1)?.request;
      const prompt = last ? lastUserText(last) : '';
      expect(prompt).toContain('user: hello\nassistant: turn 0: you said "hello"\nuser: and again');
      const other = await server.post('/api/chat/chat-assistant', { sessionId: 's2', message: 'hi' });
      expect(other.json['reply']).toBe('turn 0: you said "hi"');
    } finally {
      await server.close();
    }
  });

  it('webhook-triage: classifies, branches, calls the ticket API and answers the caller', async () => {
    const server = await serve({ TICKETS_URL: apiUrl });
    try {
      await server.add('webhook-triage.yaml');
      const bug = await server.post('/hooks/triage', { message: 'The export button crashes the app', email: 'ada@example.com' });
      expect(bug).toEqual({ status: 201, json: { label: 'bug', ticket: 'T-1' } });
      expect(tickets).toHaveLength(1);
      expect(tickets[0]).toMatchObject({
        path: '/tickets',
        body: { queue: 'bug', text: 'The export button crashes the app', reporter: 'ada@example.com' },
      });
      expect(tickets[0]?.headers['idempotency-key']).toBeTruthy();

      const billing = await server.post('/hooks/triage', { message: 'Please resend my invoice' });
      expect(billing).toEqual({ status: 201, json: { label: 'billing', ticket: 'T-2' } });
      expect(tickets[1]?.body).toMatchObject({ queue: 'billing', reporter: null });

      const praise = await server.post('/hooks/triage', { message: 'Love the new dashboard!' });
      expect(praise).toEqual({ status: 200, json: { label: 'other', message: 'Thanks, we read every message.' } });
      expect(tickets).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('weft validate accepts every template', async () => {
    for (const file of ['project-bootstrap.yaml', 'chat-assistant.yaml', 'webhook-triage.yaml']) {
      const r = await weft(['validate', join(here, file)]);
      expect(r.code, r.stderr).toBe(0);
    }
  });
});
