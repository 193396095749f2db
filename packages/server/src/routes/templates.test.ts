import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../test-support/harness.ts';

const yaml = 'id: hello\nname: Hello\nnodes:\n  - { id: a, type: test.echo, params: { value: hi } }\n';
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('templates', () => {
  it('lists the templates, serves one, and its YAML creates a workflow', async () => {
    harness = await startHarness({ templates: [{ id: 'hello', name: 'Hello', triggers: [], yaml }] });
    const list = await harness.call('GET', '/api/templates');
    expect(list.status).toBe(200);
    expect(list.json['templates']).toEqual([{ id: 'hello', name: 'Hello', triggers: [], yaml }]);
    const one = await harness.call('GET', '/api/templates/hello');
    expect(one.json['yaml']).toBe(yaml);
    expect((await harness.call('GET', '/api/templates/nope')).status).toBe(404);
    const created = await harness.call('POST', '/api/workflows', { raw: yaml, contentType: 'application/yaml' });
    expect(created.status, created.text).toBe(201);
  });
});
