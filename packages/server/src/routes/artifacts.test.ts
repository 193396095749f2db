import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkflow, startHarness, startRun, workflows, type Harness } from '../test-support/harness.ts';

let h: Harness;
let runId: string;
beforeEach(async () => {
  h = await startHarness();
  runId = await startRun(h, await createWorkflow(h, workflows.chain()));
  await h.waitForRun(runId);
});
afterEach(() => h.close());

const put = (name: string, contentType: string, text: string) =>
  h.artifacts.put({ runId, stepId: 'b', name, contentType, createdAt: 1 }, new TextEncoder().encode(text));

describe('artifacts', () => {
  it('lists a run’s files and downloads one with its type and name', async () => {
    const report = await put('report.md', 'text/markdown; charset=utf-8', '# Report\n');
    const listed = await h.call('GET', `/api/runs/${runId}/artifacts`);
    expect(listed.json).toEqual({ artifacts: [{ ...report }] });
    expect(report).toMatchObject({ runId, stepId: 'b', name: 'report.md', size: 9 });

    const download = await h.server.fetch(new Request(`http://weft.test/api/runs/${runId}/artifacts/${report.id}`));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="report.md"; filename*=UTF-8''report.md`);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await download.text()).toBe('# Report\n');
  });

  it('names any file safely, and never sends a broken content type', async () => {
    const odd = await put('résumé "final".html', 'not a type\r\nx-evil: 1', '<script>alert(1)</script>');
    const download = await h.server.fetch(new Request(`http://weft.test/api/runs/${runId}/artifacts/${odd.id}`));
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(download.headers.get('x-evil')).toBeNull();
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ _final_.html"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%22final%22.html`,
    );
  });

  it('answers 404 for an unknown run or artifact', async () => {
    expect((await h.call('GET', '/api/runs/nope/artifacts')).status).toBe(404);
    expect((await h.call('GET', `/api/runs/${runId}/artifacts`)).json).toEqual({ artifacts: [] });
    expect((await h.call('GET', `/api/runs/${runId}/artifacts/0123`)).status).toBe(404);
    expect((await h.call('GET', `/api/runs/nope/artifacts/0123`)).status).toBe(404);
  });
});
