import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TemplateCompletions } from './completions.ts';
import {
  datetimeParamsSchema,
  filterParamsSchema,
  googleSheetsParamsSchema,
  httpParamsSchema,
  llmParamsSchema,
} from './node-schemas.fixture.ts';
import { SchemaForm } from './SchemaForm.tsx';

const completions: TemplateCompletions = { stepIds: ['fetch', 'draft'], inputKeys: ['topic'] };

/** Stubs `GET /api/credentials` with these names. */
function stubCredentials(names: string[]) {
  const fetchMock = vi.fn(async (url: string) => {
    if (!String(url).startsWith('/api/credentials')) return Response.json({ error: { code: 'NOT_FOUND', message: 'no' } }, { status: 404 });
    return Response.json({ credentials: names.map((name) => ({ name, type: 'secret', createdAt: 1, updatedAt: 1 })) });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function renderForm(schema: Record<string, unknown>, initial: Record<string, unknown> = {}, problems?: Record<string, string>) {
  const changes: Array<Record<string, unknown>> = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <SchemaForm
        schema={schema}
        value={value}
        idPrefix="node-x"
        completions={completions}
        problems={problems}
        models={['openai:house-model']}
        onChange={(next) => {
          changes.push(next);
          setValue(next);
        }}
      />
    );
  }
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <Harness />
    </QueryClientProvider>,
  );
  return { ...view, changes, last: () => changes.at(-1) };
}

afterEach(() => vi.unstubAllGlobals());

describe('SchemaForm: controls from the schema', () => {
  it('builds the llm form in schema order: template text areas, model picker, numbers, JSON', () => {
    const { container } = renderForm(llmParamsSchema);
    const labels = [...container.querySelectorAll('label.field-label')].map((l) => l.textContent);
    expect(labels).toEqual(['Prompt * (required)', 'System', 'Model', 'Temperature', 'Max tokens', 'Schema', 'Schema retries']);

    const prompt = screen.getByLabelText(/^Prompt/);
    expect(prompt.tagName).toBe('TEXTAREA');
    expect(prompt.id).toBe('node-x-prompt');
    expect(prompt.closest('.template-input')).not.toBeNull();
    expect(screen.getByLabelText('System').tagName).toBe('TEXTAREA');

    const model = screen.getByLabelText('Model') as HTMLInputElement;
    const offered = [...(model.list?.querySelectorAll('option') ?? [])].map((o) => o.value);
    expect(offered).toContain('openai:gpt-4o-mini');
    expect(offered).toContain('anthropic:claude-sonnet-4-5');
    expect(offered[0]).toBe('openai:house-model');

    expect((screen.getByLabelText('Temperature') as HTMLInputElement).type).toBe('number');
    expect((screen.getByLabelText('Max tokens') as HTMLInputElement).step).toBe('1');
    expect(screen.getByLabelText('Schema').classList.contains('sf-json')).toBe(true);
    // The default is a placeholder, not a value.
    const retries = screen.getByLabelText('Schema retries') as HTMLInputElement;
    expect(retries.placeholder).toBe('2');
    expect(retries.value).toBe('');
    // Help text is tied to its field.
    expect(model.getAttribute('aria-describedby')).toBe('node-x-model-help');
    expect(document.getElementById('node-x-model-help')?.textContent).toMatch(/provider:model/);
  });

  it('builds the http form: enum selects with the default, a nested auth group, checkboxes', () => {
    stubCredentials([]);
    renderForm(httpParamsSchema);
    const method = screen.getByLabelText('Method') as HTMLSelectElement;
    expect([...method.options].map((o) => o.textContent)).toEqual(['Default (GET)', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    expect(screen.getByLabelText(/^URL/).getAttribute('role')).toBe('combobox');
    const auth = screen.getByRole('group', { name: 'Auth' });
    expect(within(auth).getByLabelText(/^Type/).tagName).toBe('SELECT');
    expect(within(auth).getByLabelText(/^Credential/)).toBeTruthy();
    expect((screen.getByLabelText('Ignore HTTP errors') as HTMLInputElement).type).toBe('checkbox');
    expect(screen.getByLabelText('Headers').classList.contains('sf-json')).toBe(true);
  });

  it('marks required fields in the label', () => {
    renderForm(filterParamsSchema);
    expect(screen.getByText('Conditions').closest('label')?.textContent).toBe('Conditions * (required)');
    expect(screen.getByLabelText('Combine').closest('.sf-field')?.querySelector('.sf-required')).toBeNull();
  });

  it('shows a discriminated union as a select that brings the chosen shape’s fields', async () => {
    const user = userEvent.setup();
    const { last } = renderForm(datetimeParamsSchema);
    expect(screen.queryByLabelText(/^Amount/)).toBeNull();
    await user.selectOptions(screen.getByLabelText(/^Operation/), 'add');
    expect(last()).toEqual({ operation: 'add' });
    await user.type(screen.getByLabelText(/^Amount/), '3');
    await user.selectOptions(screen.getByLabelText(/^Unit/), 'days');
    expect(last()).toEqual({ operation: 'add', amount: 3, unit: 'days' });
    // `value` takes a string or a number: digits become a number, a date stays text.
    await user.type(screen.getByLabelText('Value'), '1700000000000');
    expect(last()?.['value']).toBe(1_700_000_000_000);
    await user.selectOptions(screen.getByLabelText(/^Operation/), 'now');
    expect(last()).toEqual({ operation: 'now' });
  });

  it('resolves $ref and edits arrays of scalars with add and remove', async () => {
    const user = userEvent.setup();
    const schema = {
      type: 'object',
      $defs: { tag: { type: 'string', description: 'A tag.' } },
      properties: { tags: { type: 'array', items: { $ref: '#/$defs/tag' } }, ports: { type: 'array', items: { type: 'integer' } } },
    };
    const { last, changes } = renderForm(schema, { tags: ['a'] });
    const tags = screen.getByRole('group', { name: 'Tags' });
    expect((within(tags).getByLabelText('Tags item 1') as HTMLInputElement).value).toBe('a');
    await user.click(within(tags).getByRole('button', { name: 'Add tags item' }));
    // An empty new row is not written into params.
    expect(changes).toHaveLength(0);
    expect(within(tags).getAllByRole('combobox')).toHaveLength(2);
    await user.type(within(tags).getByLabelText('Tags item 2'), 'b');
    expect(last()).toEqual({ tags: ['a', 'b'] });
    await user.click(within(tags).getByRole('button', { name: 'Remove Tags item 1' }));
    expect(last()).toEqual({ tags: ['b'] });
    const ports = screen.getByRole('group', { name: 'Ports' });
    await user.click(within(ports).getByRole('button', { name: 'Add ports item' }));
    await user.type(within(ports).getByLabelText('Ports item 1'), '8080');
    expect(last()).toEqual({ tags: ['b'], ports: [8080] });
    await user.click(within(tags).getByRole('button', { name: 'Remove Tags item 1' }));
    expect(last()).toEqual({ ports: [8080] });
  });
});

describe('SchemaForm: edits become params', () => {
  it('types numbers, removes cleared fields and keeps other params', async () => {
    const user = userEvent.setup();
    const { last } = renderForm(llmParamsSchema, { prompt: 'Hi', other: 1 });
    await user.type(screen.getByLabelText('Temperature'), '0.5');
    expect(last()).toEqual({ prompt: 'Hi', other: 1, temperature: 0.5 });
    await user.type(screen.getByLabelText('Max tokens'), '200');
    expect(last()?.['maxTokens']).toBe(200);
    await user.clear(screen.getByLabelText(/^Prompt/));
    expect(last()).toEqual({ other: 1, temperature: 0.5, maxTokens: 200 });
    await user.clear(screen.getByLabelText('Temperature'));
    expect(last()).toEqual({ other: 1, maxTokens: 200 });
    await user.type(screen.getByLabelText('Model'), 'openai:gpt-4o');
    expect(last()?.['model']).toBe('openai:gpt-4o');
  });

  it('writes selects and checkboxes, and drops a checkbox back at its default', async () => {
    stubCredentials([]);
    const user = userEvent.setup();
    const { last } = renderForm(httpParamsSchema, { url: 'https://x.test' });
    await user.selectOptions(screen.getByLabelText('Method'), 'POST');
    expect(last()).toEqual({ url: 'https://x.test', method: 'POST' });
    await user.click(screen.getByLabelText('Ignore HTTP errors'));
    expect(last()?.['ignoreHttpErrors']).toBe(true);
    await user.click(screen.getByLabelText('Ignore HTTP errors'));
    expect(last()).toEqual({ url: 'https://x.test', method: 'POST' });
    await user.selectOptions(screen.getByLabelText('Method'), 'Default (GET)');
    expect(last()).toEqual({ url: 'https://x.test' });
  });

  it('validates the JSON area as you type and sends only JSON that parses', async () => {
    const user = userEvent.setup();
    const { last, changes } = renderForm(httpParamsSchema, { url: 'u' });
    const headers = screen.getByLabelText('Headers');
    await user.type(headers, '{{"x-key": "{{{{ input.key }}"');
    expect(changes).toHaveLength(0);
    expect(headers.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(headers.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '');
    expect(error?.textContent).toMatch(/Not valid JSON/);
    await user.type(headers, '}');
    expect(last()).toEqual({ url: 'u', headers: { 'x-key': '{{ input.key }}' } });
    expect(headers.getAttribute('aria-invalid')).toBeNull();
    await user.clear(headers);
    expect(last()).toEqual({ url: 'u' });
  });

  it('edits nested groups and removes a group left empty', async () => {
    stubCredentials([]);
    const user = userEvent.setup();
    const { last } = renderForm(httpParamsSchema, { url: 'u' });
    const auth = screen.getByRole('group', { name: 'Auth' });
    await user.selectOptions(within(auth).getByLabelText(/^Type/), 'bearer');
    expect(last()).toEqual({ url: 'u', auth: { type: 'bearer' } });
    await user.type(within(auth).getByLabelText(/^Credential/), 'gh');
    expect(last()).toEqual({ url: 'u', auth: { type: 'bearer', credential: 'gh' } });
    await user.clear(within(auth).getByLabelText(/^Credential/));
    await user.selectOptions(within(auth).getByLabelText(/^Type/), 'Choose…');
    expect(last()).toEqual({ url: 'u' });
  });

  it('lets a typed field hold a {{ }} expression, shown highlighted', async () => {
    const user = userEvent.setup();
    const { last, container } = renderForm(filterParamsSchema, { items: '{{ steps.fetch.output }}' });
    const items = screen.getByLabelText('Items');
    expect(items.closest('.template-input')).not.toBeNull();
    expect(container.querySelector('.template-expr')?.textContent).toBe('{{ steps.fetch.output }}');
    // The toggle goes back to JSON and drops the expression.
    await user.click(screen.getByRole('button', { name: 'Write Items as a {{ }} expression' }));
    expect(last()).toEqual({});
    expect(screen.getByLabelText('Items').classList.contains('sf-json')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Write Combine as a {{ }} expression' }));
    await user.type(screen.getByLabelText('Combine'), '{{{{ input.mode }}');
    expect(last()).toEqual({ combine: '{{ input.mode }}' });
  });
});

describe('SchemaForm: problems', () => {
  it('shows each problem under its field, linked with aria-describedby and aria-invalid', () => {
    stubCredentials([]);
    renderForm(httpParamsSchema, { url: 'x', headers: { 'x-a': 1 } }, {
      url: 'Invalid URL',
      'headers.x-a': 'expected string',
      'auth.credential': 'no credential named gh',
      mystery: 'unknown key',
    });
    const url = screen.getByLabelText(/^URL/);
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const urlError = document.getElementById('node-x-url-error');
    expect(urlError?.textContent).toContain('Invalid URL');
    expect(url.getAttribute('aria-describedby')).toContain('node-x-url-error');

    const headers = screen.getByLabelText('Headers');
    expect(headers.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('node-x-headers-error')?.textContent).toContain('x-a: expected string');

    const credential = within(screen.getByRole('group', { name: 'Auth' })).getByLabelText(/^Credential/);
    expect(credential.getAttribute('aria-describedby')).toContain('node-x-auth-credential-error');
    expect(document.getElementById('node-x-auth-credential-error')?.textContent).toContain('no credential named gh');
    // A problem no field owns is still shown.
    expect(screen.getByText('unknown key')).toBeTruthy();
    expect(screen.getByLabelText('Method').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('SchemaForm: credential picker', () => {
  it('lists the stored credential names from the API and writes the chosen one', async () => {
    const fetchMock = stubCredentials(['google-service-account', 'sheets-bot']);
    const user = userEvent.setup();
    const { last } = renderForm(googleSheetsParamsSchema, { operation: 'read' });
    const select = (await screen.findByRole('combobox', { name: /^Credential/ })) as HTMLSelectElement;
    await waitFor(() => expect(select.tagName).toBe('SELECT'));
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/credentials');
    expect([...select.options].map((o) => o.textContent)).toEqual(['— none —', 'google-service-account', 'sheets-bot', 'Another name…']);
    await user.selectOptions(select, 'sheets-bot');
    expect(last()).toEqual({ operation: 'read', credential: 'sheets-bot' });
    // Another name: a text field for it.
    await user.selectOptions(select, 'Another name…');
    await user.type(screen.getByLabelText('Credential: credential name'), 'new-one');
    expect(last()).toEqual({ operation: 'read', credential: 'new-one' });
  });

  it('says where to add one when none is stored, and still takes a typed name', async () => {
    stubCredentials([]);
    const user = userEvent.setup();
    const { last } = renderForm(googleSheetsParamsSchema, {});
    const hint = await screen.findByText(/No credentials stored yet/);
    expect(hint.textContent).toContain('Settings → Credentials');
    const input = screen.getByLabelText(/^Credential/);
    expect(input.getAttribute('aria-describedby')).toContain(hint.id);
    await user.type(input, 'gsa');
    expect(last()).toEqual({ credential: 'gsa' });
  });

  it('marks a typed credential that is not stored', async () => {
    stubCredentials(['other']);
    renderForm(googleSheetsParamsSchema, { credential: 'missing' });
    expect(await screen.findByText(/No stored credential is named “missing”/)).toBeTruthy();
    const select = screen.getByLabelText(/^Credential/) as HTMLSelectElement;
    expect(select.value).toBe('missing');
    fireEvent.change(select, { target: { value: 'other' } });
    expect(select.value).toBe('other');
  });
});
