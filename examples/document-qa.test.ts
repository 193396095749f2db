import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@weft/cli';
import { serveInProcess } from './support/serve-in-process.ts';
import { lastUserText, startLoopbackProvider, type LoopbackProvider, type LoopbackReply, type LoopbackRequest } from '@weft/testing';

const here = import.meta.dirname;
const FIXTURES = join(here, 'fixtures', 'document-qa');
/** The sentence of returns-policy.md that answers the question. */
const ANSWER_SENTENCE = 'Customers may return any unworn item within 30 days of delivery for a full refund.';
const QUESTION = 'How many days do customers have to return an unworn item for a refund?';
/** How the returns policy is titled: by the uploader, or by its path in a project workspace. */
const RETURNS_TITLES = ['Returns policy', 'returns-policy.md'];

let provider: LoopbackProvider;
const homes: string[] = [];
let documents: { title: string; text: string }[];

/**
 * The scripted model: embeddings get the loopback's default hashed bag-of-words vectors; the answer
 * cites the excerpt holding the returns sentence — after checking it was sent as excerpt [1].
 */
function reply(request: LoopbackRequest): LoopbackReply {
  if (request.embed) return {};
  const prompt = lastUserText(request);
  if (!prompt.includes(`Question: ${QUESTION}`)) return { error: { status: 400, message: `unexpected prompt: ${prompt.slice(0, 80)}` } };
  // Excerpts are sent as `[n] (title, docId)\ntext`, blank-line separated, inside <excerpts>…</excerpts>.
  const first = /\[1\] \(([^,]+), [^)]+\)\n([\s\S]*?)(?=\n\n\[2\] |\n<\/excerpts>)/.exec(prompt);
  const [, title = '', text = ''] = first ?? [];
  if (!RETURNS_TITLES.includes(title) || !text.includes(ANSWER_SENTENCE)) {
    return { error: { status: 400, message: `excerpt [1] is not the returns policy: ${prompt.slice(0, 300)}` } };
  }
  return { text: 'Customers have 30 days from delivery to return an unworn item for a full refund [1].' };
}

beforeAll(async () => {
  provider = await startLoopbackProvider({ provider: 'openai', reply });
  documents = await Promise.all(
    [
      ['Shipping', 'shipping.md'],
      ['Returns policy', 'returns-policy.md'],
      ['Care guide', 'care-guide.md'],
    ].map(async ([title = '', file = '']) => ({ title, text: await readFile(join(FIXTURES, file), 'utf8') })),
  );
});

afterAll(async () => {
  await provider.close();
  await Promise.all(homes.map((home) => rm(home, { recursive: true, force: true })));
});

async function newHome(): Promise<string> {
  const home = await mkdtemp(join(tmpdir(), 'weft-document-qa-'));
  homes.push(home);
  return home;
}

function env(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    WEFT_HOME: home,
    WEFT_MODEL: 'openai:test',
    OPENAI_BASE_URL: provider.url,
    OPENAI_API_KEY: 'x',
    ...extra,
  };
}

/** A real `weft serve` on port 0 (in-process) with `definition` (default document-qa.yaml) added. */
async function serve(extra: NodeJS.ProcessEnv = {}, options: { home?: string; definition?: string } = {}) {
  const server = await serveInProcess(env(options.home ?? (await newHome()), extra));
  await server.addWorkflow(options.definition ?? (await readFile(join(here, 'document-qa.yaml'), 'utf8')));
  return { ask: (body: unknown) => server.post('/hooks/document-qa', body), close: () => server.close() };
}

/**
 * The template turned into its project-workspace variant exactly as its header comment says: the
 * commented `list` and `read` nodes go before `index`, whose `documents` becomes the commented line.
 */
function workspaceVariant(template: string, workspace: string): string {
  const lines = template.split('\n');
  const from = lines.findIndex((l) => l.includes('with edges list → read → index')) + 1;
  const to = lines.findIndex((l) => l.startsWith('#   (in `index`) documents: '));
  expect(from).toBeGreaterThan(0);
  expect(to).toBeGreaterThan(from);
  const nodes = lines.slice(from, to).map((l) => `  ${l.slice('#   '.length)}`);
  const documents = (lines[to] ?? '').slice('#   (in `index`) '.length);
  const variant = template
    .replace(/^env: .*$/m, (line) => `${line}\nworkspace: ${workspace}`)
    .replace(/^nodes:\n/m, `nodes:\n${nodes.join('\n')}\n`)
    .replace(/^ {6}documents: .*$/m, `      ${documents}`)
    .replace(/^edges:\n/m, 'edges:\n  - { from: list, to: read }\n  - { from: read, to: index }\n');
  expect(variant).toContain(`workspace: ${workspace}`);
  expect(variant).toContain('  - id: read\n    type: map');
  expect(variant).toContain(`      ${documents}\n`);
  expect(variant).toContain('{ from: read, to: index }');
  return variant;
}

/** Embedding requests the loopback server received since `from`, as the texts they embedded. */
function embedded(from: number): string[][] {
  return provider.requests.slice(from).flatMap((r) => (r.request?.embed ? [r.request.embed.values] : []));
}

const EXPECTED = {
  status: 200,
  json: {
    answer: 'Customers have 30 days from delivery to return an unworn item for a full refund [1].',
    citations: [{ n: 1, title: 'Returns policy', excerpt: expect.stringContaining(ANSWER_SENTENCE) as unknown }],
  },
};

describe('document-qa template', () => {
  it('indexes uploaded documents with embeddings and answers with a citation of the right one', async () => {
    const server = await serve({ WEFT_EMBEDDING_MODEL: 'openai:text-embedding-3-small' });
    try {
      const from = provider.requests.length;
      const answered = await server.ask({ question: QUESTION, documents });
      expect(answered).toEqual(EXPECTED);
      // The three documents were embedded as one batch (title + text), then the question.
      const calls = embedded(from);
      expect(calls).toHaveLength(2);
      expect(calls[0]).toHaveLength(3);
      expect(calls[0]?.[1]).toContain(ANSWER_SENTENCE);
      expect(calls[1]).toEqual([QUESTION]);
      const embedBody = provider.requests.slice(from).find((r) => r.request?.embed)?.body as { model?: string };
      expect(embedBody.model).toBe('text-embedding-3-small');
    } finally {
      await server.close();
    }
  });

  it('without an embedding model, retrieves by keywords (BM25) and still cites the right document', async () => {
    const server = await serve();
    try {
      const from = provider.requests.length;
      const answered = await server.ask({ question: QUESTION, documents });
      expect(answered).toEqual(EXPECTED);
      expect(embedded(from)).toEqual([]);
      expect(provider.requests.slice(from)).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('the project-workspace variant in the header comment answers from files read with the files node', async () => {
    const home = await newHome();
    const folder = join(home, 'workspaces', 'projects', 'handbook');
    await mkdir(join(folder, 'guides'), { recursive: true });
    await copyFile(join(FIXTURES, 'returns-policy.md'), join(folder, 'returns-policy.md'));
    await copyFile(join(FIXTURES, 'shipping.md'), join(folder, 'shipping.md'));
    await copyFile(join(FIXTURES, 'care-guide.md'), join(folder, 'guides', 'care-guide.md'));
    const template = await readFile(join(here, 'document-qa.yaml'), 'utf8');
    const server = await serve({ WEFT_EMBEDDING_MODEL: 'openai:text-embedding-3-small' }, { home, definition: workspaceVariant(template, 'handbook') });
    try {
      const from = provider.requests.length;
      const answered = await server.ask({ question: QUESTION });
      expect(answered).toEqual({
        ...EXPECTED,
        json: { ...EXPECTED.json, citations: [{ ...EXPECTED.json.citations[0], title: 'returns-policy.md' }] },
      });
      // Every file was read and embedded, the one in a sub-folder too.
      const [chunks] = embedded(from);
      expect(chunks).toHaveLength(3);
      expect(chunks?.map((c) => c.split('\n')[0])).toEqual(['guides/care-guide.md', 'returns-policy.md', 'shipping.md']);
    } finally {
      await server.close();
    }
  });

  it('weft validate accepts the template', async () => {
    let stderr = '';
    const code = await main(
      ['validate', join(here, 'document-qa.yaml')],
      { stdout: { write: () => {} }, stderr: { write: (t: string) => (stderr += t) } },
      env(await newHome()),
    );
    expect(code, stderr).toBe(0);
  });
});
