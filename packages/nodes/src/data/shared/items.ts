// The list a data node works on, and the errors it reports about it.
import { isJsonObject, WeftError, type Json, type JsonObject, type NodeContext } from '@weft/engine';
import { z } from 'zod';
import { passThrough } from '../../flow/passthrough.ts';

/** An error in the data a node was given: not retried, since the same data fails again. */
export function inputError(message: string): WeftError {
  return new WeftError('INVALID_INPUT', message, { retryable: false });
}

/** Names a value's kind for messages: `a string ("abc")`, `an object`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)})`;
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value} (${String(value)})`;
}

const ITEMS_HINT = 'expected a list of items (a JSON array), e.g. "{{ steps.fetch.output }}"';

/** A param holding the list of items; when omitted the node's input is used. */
export const itemsSchema = z
  .array(z.unknown(), { error: (issue) => `${ITEMS_HINT}, got ${describeValue(issue.input)}` })
  .optional()
  .describe('The items: a JSON array, usually "{{ steps.<id>.output }}". Default: the node input.');

/** A required list of items (e.g. a join's `left` and `right`). */
export const requiredItemsSchema = z
  .array(z.unknown(), { error: (issue) => `${ITEMS_HINT}, got ${describeValue(issue.input)}` })
  .describe('A JSON array, usually "{{ steps.<id>.output }}".');

/** The items a node works on: its `items` param, else its input, which must be a list. */
export function itemsOf(ctx: Pick<NodeContext<unknown>, 'inputs'>, items: unknown[] | undefined): Json[] {
  if (items !== undefined) return items as Json[];
  const input = passThrough(ctx.inputs);
  if (!Array.isArray(input)) {
    throw inputError(
      `params.items: ${ITEMS_HINT}; it was not set and the node input is ${describeValue(input)}, not a list`,
    );
  }
  return input;
}

/** The item at `index` as an object, or an error naming what was expected. */
export function objectItem(item: Json, index: number, why: string): JsonObject {
  if (!isJsonObject(item)) throw inputError(`items[${index}]: expected an object ${why}, got ${describeValue(item)}`);
  return item;
}

/** A deep copy of JSON data, so nodes never change their inputs. */
export function copyJson<T extends Json>(value: T): T {
  return structuredClone(value);
}
