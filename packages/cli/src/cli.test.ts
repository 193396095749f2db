import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from './main.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'weft-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function weft(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } }, { WEFT_HOME: dir });
  return { code, stdout, stderr };
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

describe('weft validate', () => {
  it('prints every problem with its path and exits 2, without a stack trace', async () => {
    const path = await file(
      'broken.yaml',
      `name: broken
nodes:
  - id: a
    type: transfrom
    params: {}
  - id: a
    type: llm
    params: { temperature: 7 }
  - id: b
    type: if
    params: { condition: "{{ input.x > }}" }
  - id: c
    type: transform
    params: { value: 1 }
  - id: d
    type: transform
    params: { value: 2 }
edges:
  - { from: b, to: ghost }
  - { from: b, to: c }
  - { from: c, to: d }
  - { from: d, to: c }
`,
    );
    const r = await weft('validate', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nodes[0].type: unknown node type 'transfrom' (did you mean 'transform'?)");
    expect(r.stderr).toContain("nodes[1].id: duplicate node id 'a'");
    expect(r.stderr).toContain('nodes[1].params.prompt');
    expect(r.stderr).toContain('nodes[1].params.temperature');
    expect(r.stderr).toContain('nodes[2].params.condition');
    expect(r.stderr).toContain("edges[0].to: no node with id 'ghost'");
    expect(r.stderr).toContain('edges[1]: node \'b\' (if) has several output ports');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    ['a cycle without maxIterations', `name: c\nnodes:\n  - { id: a, type: transform, params: { value: 1 } }\n  - { id: b, type: transform, params: { value: 1 } }\n  - { id: s, type: transform, params: { value: 1 } }\nedges:\n  - { from: s, to: a }\n  - { from: a, to: b }\n  - { from: b, to: a }\n`, "closes a loop that is entered at 'a'"],
    ['an unreachable node', `name: u\nnodes:\n  - { id: a, type: transform, params: { value: 1 } }\n  - { id: b, type: transform, params: { value: 1 } }\n  - { id: c, type: transform, params: { value: 1 } }\nedges:\n  - { from: b, to: c, port: out }\n  - { from: c, to: b }\n`, "node 'b' is unreachable"],
    ['broken YAML', 'name: [unclosed\n', 'not valid YAML'],
    ['a missing file', null, 'cannot read the file'],
  ])('reports %s', async (_name, text, message) => {
    const path = text === null ? join(dir, 'nope.yaml') : await file(`case-${Math.random()}.yaml`, text);
    const r = await weft('validate', path);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('weft usage', () => {
  it.each([
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['run'], 'weft run needs a workflow file'],
    [['run', 'x.yaml', '--bogus'], "Unknown option '--bogus'"],
    [['show'], 'usage: weft show <runId>'],
    [['show', 'no-such-run'], "Run 'no-such-run' not found"],
    [['serve', '--port', 'eighty'], "--port takes a number from 0 to 65535, not 'eighty'"],
    [['serve', '--port', '70000'], '--port takes a number'],
    [['token'], 'usage: weft token create --name <name>'],
    [['token', 'create'], 'usage: weft token create --name <name>'],
    [['token', 'delete'], 'usage: weft token delete <id>'],
    [['token', 'delete', 'nope'], "API token 'nope' not found"],
  ])('%j exits 2 with a message', async (argv, message) => {
    const r = await weft(...argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('lists node types', async () => {
    const r = await weft('nodes');
    expect(r.code).toBe(0);
    for (const type of ['llm', 'agent', 'transform', 'if', 'switch', 'merge', 'map', 'subworkflow', 'wait']) {
      expect(r.stdout).toContain(`  ${type} `);
    }
    const json = JSON.parse((await weft('nodes', '--json')).stdout) as { type: string; params: object }[];
    expect(json.find((n) => n.type === 'llm')?.params).toMatchObject({ type: 'object' });
  });

  it('runs a workflow without models and lists it', async () => {
    const path = await file('local.yaml', `name: local\nnodes:\n  - { id: a, type: transform, params: { value: "{{ input }}!" } }\n`);
    const r = await weft('run', path, '--input', 'hi');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('hi!\n');
    expect(r.stderr).toMatch(/✔ a/);
    const runs = await weft('runs');
    expect(runs.stdout).toMatch(/succeeded\s+\S+\s+local@1/);
  });
});

describe('weft token', () => {
  it('creates a token shown once, lists it without the secret, deletes it', async () => {
    const empty = await weft('token', 'list');
    expect(empty.stdout).toMatch(/No API tokens/);
    const created = await weft('token', 'create', '--name', 'ci');
    expect(created.code, created.stderr).toBe(0);
    const token = /(weft_[\w-]+)/.exec(created.stdout)?.[1] as string;
    expect(token).toHaveLength(48);
    const json = JSON.parse((await weft('token', 'create', '--name', 'laptop', '--json')).stdout) as { token: string; id: string };
    expect(json.token).toMatch(/^weft_/);

    const listed = await weft('token', 'list');
    expect(listed.stdout).toContain('ci');
    expect(listed.stdout).toContain(token.slice(0, 12));
    expect(listed.stdout).not.toContain(token);
    const records = JSON.parse((await weft('token', 'list', '--json')).stdout) as { id: string; name: string; hash?: string }[];
    expect(records.map((r) => r.name)).toEqual(['ci', 'laptop']);
    expect(records[0]?.hash).toBeUndefined();

    const deleted = await weft('token', 'delete', json.id);
    expect(deleted.stdout).toBe(`Deleted API token ${json.id}.\n`);
    expect((JSON.parse((await weft('token', 'list', '--json')).stdout) as unknown[]).length).toBe(1);
  });
});

describe('weft serve in-process', () => {
  it('serves the API on the data folder until told to stop, then exits 0', async () => {
    let stdout = '';
    let stderr = '';
    let stop!: (signal: string) => void;
    const stopped = new Promise<string>((resolve) => (stop = resolve));
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const serving = main(['serve', '--port', '0'], io, { WEFT_HOME: dir, WEFT_LOG_LEVEL: 'warn' }, stopped);
    const deadline = Date.now() + 10_000;
    while (!/listening on (http:\S+)/.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`no URL: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const url = /listening on (http:\S+)/.exec(stdout)?.[1] as string;
    expect(stdout).toContain(`data       ${dir} (database ${join(dir, 'weft.db')})`);
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    stop('SIGTERM');
    expect(await serving).toBe(0);
    expect(stderr).toContain('SIGTERM: stopping');
    // The key file exists once the server started (the credentials API needs it), readable by its owner only.
    expect((await stat(join(dir, 'secret.key'))).mode & 0o777).toBe(0o600);
  });
});
