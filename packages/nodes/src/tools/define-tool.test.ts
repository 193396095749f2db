import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '@weft/engine';
import { createEgressClient } from '../egress/index.ts';
import { CalculatorError } from './calculator/calculator-error.ts';
import { calculatorTool } from './calculator.ts';
import { defineTool, invokeTool, toolInputJsonSchema, ToolInputError } from './define-tool.ts';
import { httpFetchTool } from './http-fetch.ts';
import { builtinTools } from './index.ts';

const ctx = () => ({ signal: new AbortController().signal, egress: createEgressClient() });

describe('defineTool', () => {
  it('rejects names model providers would refuse', () => {
    const input = z.object({});
    expect(() => defineTool({ name: 'has space', description: '', input, run: async () => null })).toThrow(
      /Tool name "has space"/,
    );
    expect(() =>
      defineTool({ name: 'x'.repeat(65), description: '', input, run: async () => null }),
    ).toThrow();
    expect(defineTool({ name: 'ok_name-1', description: '', input, run: async () => null }).name).toBe(
      'ok_name-1',
    );
  });

  it('produces the JSON Schema handed to the model', () => {
    expect(toolInputJsonSchema(httpFetchTool)).toEqual({
      type: 'object',
      properties: {
        url: expect.objectContaining({ type: 'string', format: 'uri', description: expect.any(String) }),
        maxChars: expect.objectContaining({ type: 'integer', minimum: 200, maximum: 100_000 }),
      },
      required: ['url'],
    });
    expect(toolInputJsonSchema(calculatorTool)).toMatchObject({ type: 'object', required: ['expression'] });
    expect(builtinTools.map((tool) => tool.name)).toEqual(['http_fetch', 'calculator']);
  });

  it('validates arguments and respects an aborted signal', async () => {
    await expect(invokeTool(calculatorTool, { expr: '1' }, ctx())).rejects.toThrow(ToolInputError);
    const controller = new AbortController();
    controller.abort(new CancelledError());
    await expect(
      invokeTool(calculatorTool, { expression: '1' }, { ...ctx(), signal: controller.signal }),
    ).rejects.toThrow(CancelledError);
  });
});

describe('calculator tool', () => {
  it('returns the result, without binary noise', async () => {
    expect(await invokeTool(calculatorTool, { expression: '0.1 + 0.2' }, ctx())).toEqual({
      expression: '0.1 + 0.2',
      result: 0.3,
    });
    expect(
      await invokeTool(calculatorTool, { expression: '(3.5 + 2) * 4 ^ 2 / sqrt(16)' }, ctx()),
    ).toMatchObject({ result: 22 });
  });

  it('throws its errors for the model to read', async () => {
    await expect(invokeTool(calculatorTool, { expression: '1 / (2 - 2)' }, ctx())).rejects.toThrow(
      CalculatorError,
    );
  });
});
