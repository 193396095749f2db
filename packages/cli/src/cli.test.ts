import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
