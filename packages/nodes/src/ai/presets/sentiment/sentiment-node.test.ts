import { describe, expect, it } from 'vitest';
import { workflow } from '@weft/engine';
import { json, presetEngine } from '../shared/test-support.ts';

function routed() {
  const builder = workflow('reviews').node('mood', 'sentiment', { text: '{{ input }}' });
  for (const port of ['out', 'positive', 'neutral', 'negative']) {
    builder.node(`on_${port}`, 'transform', { value: port }).edge('mood', `on_${port}`, port);
  }
  return builder.build();
}

describe('sentiment', () => {
  it.each([
    { sentiment: 'positive', score: 0.9, text: 'Love it, works perfectly.' },
    { sentiment: 'neutral', score: 0, text: 'The package arrived on Tuesday.' },
    { sentiment: 'negative', score: -0.8, text: 'Broke after two days. Avoid.' },
  ])('routes $sentiment text to its port and out', async ({ sentiment, score, text }) => {
    const t = presetEngine([json({ sentiment, score })]);
    const view = await t.run(routed(), text);
    expect(view.attempt('mood').output).toEqual({ sentiment, score });
    expect(view.step('mood').ports).toEqual(['out', sentiment]);
    for (const port of ['positive', 'neutral', 'negative']) {
      expect(view.statuses[`on_${port}`]).toBe(port === sentiment ? 'succeeded' : 'skipped');
    }
    expect(view.statuses.on_out).toBe('succeeded');
    expect(t.model?.requests[0]?.messages[0]?.content).toContain(`<text>\n${text}\n</text>`);
  });

  it('sends back a score that contradicts the sentiment, or is out of range', async () => {
    const t = presetEngine([
      json({ sentiment: 'positive', score: -0.4 }),
      json({ sentiment: 'positive', score: 4 }),
      json({ sentiment: 'positive', score: 0.4 }),
    ]);
    const view = await t.run(routed(), 'Pretty good.');
    expect(view.attempt('mood').output).toEqual({ sentiment: 'positive', score: 0.4 });
    expect(t.model?.requests[1]?.messages[2]?.content).toContain('cannot have the score -0.4');
    expect(t.model?.requests[2]?.messages[4]?.content).toMatch(/score.*<=\s?1|Too big/);
  });
});
