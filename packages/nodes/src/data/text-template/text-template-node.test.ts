import { describe, expect, it } from 'vitest';
import type { Json } from '@weft/engine';
import { errorOf, outputOf, problemsOf } from '../shared/test-support.ts';

const order: Json = {
  customer: { name: 'Ada', tags: ['vip'] },
  lines: [{ title: 'Tea', qty: 2 }, { title: 'Cake', qty: 1 }],
  empty: [],
  note: null,
};

describe('text_template', () => {
  it.each<{ name: string; template: string; data?: Json; output: string }>([
    { name: 'fields, nested and indexed', template: 'Hi %{customer.name} (%{customer.tags[0]})', output: 'Hi Ada (vip)' },
    { name: 'missing and null as nothing', template: '[%{nope.deeper}][%{note}]', output: '[][]' },
    { name: 'lists and objects as JSON', template: '%{customer}', output: '{"name":"Ada","tags":["vip"]}' },
    { name: 'a loop with index and outer fields', template: '%{#lines}%{@index}. %{qty}× %{title} for %{customer.name}\n%{/lines}', output: '0. 2× Tea for Ada\n1. 1× Cake for Ada\n' },
    { name: 'the element itself', template: '%{#customer.tags}<%{.}>%{/customer.tags}', output: '<vip>' },
    { name: 'an inverted section', template: '%{^empty}none%{/empty}%{^lines}none%{/lines}', output: 'none' },
    { name: 'a section on an object', template: '%{#customer}%{name}!%{/customer}', output: 'Ada!' },
    { name: 'an escaped placeholder', template: 'literal %%{name}', output: 'literal %{name}' },
    { name: 'engine templates are left as written', template: '{{ input.secret }} %{customer.name}', output: '{{ input.secret }} Ada' },
    { name: 'data holding placeholders is not filled again', template: '%{x}', data: { x: '%{y}', y: 'leak' }, output: '%{y}' },
  ])('$name', async ({ template, data, output }) => {
    expect(await outputOf('text_template', { template, data: '{{ input }}' }, data ?? order)).toBe(output);
  });

  it('renders once per item with perItem', async () => {
    const output = await outputOf('text_template', { template: '%{@index}:%{name}', data: '{{ input }}', perItem: true }, [{ name: 'a' }, { name: 'b' }]);
    expect(output).toEqual(['0:a', '1:b']);
  });

  it.each<{ template: string; message: RegExp }>([
    { template: 'x %{#lines} y', message: /%\{#lines\} at line 1, column 3 is never closed/ },
    { template: 'a\n%{/lines}', message: /%\{\/lines\} at line 2, column 1 closes nothing/ },
    { template: '%{#a}%{/b}', message: /%\{#a\} is still open/ },
    { template: '%{constructor.name}', message: /'constructor', which is not allowed/ },
  ])('rejects $template at validation', ({ template, message }) => {
    expect(problemsOf('text_template', { template })).toEqual([{ path: 'nodes[0].params.template', message: expect.stringMatching(message) }]);
  });

  it('fails clearly when perItem gets no list', async () => {
    const error = await errorOf('text_template', { template: '%{a}', data: '{{ input }}', perItem: true }, { a: 1 });
    expect(error.message).toBe('params.data: perItem needs a list of items, got an object');
  });

  it('caps the output size', async () => {
    const many = Array.from({ length: 2000 }, () => 'x'.repeat(100));
    const error = await errorOf('text_template', { template: '%{#xs}%{#xs}%{.}%{/xs}%{/xs}', data: '{{ input }}' }, { xs: many });
    expect(error.message).toMatch(/params\.template: the output would pass 1000000 characters/);
  });
});
