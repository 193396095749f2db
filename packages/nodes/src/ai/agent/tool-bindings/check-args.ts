import { WeftError, type Json, type JsonObject } from '@weft/engine';
import { z } from 'zod';

/** Schema used when a tool spec gives no `input`: any object. */
export const ANY_OBJECT: JsonObject = { type: 'object', properties: {} };

/** A check of the model's arguments against a tool's JSON Schema; throws a message the model can act on. */
export function argsChecker(toolName: string, inputSchema: JsonObject): (input: Json) => void {
  const validator = z.fromJSONSchema(inputSchema as Parameters<typeof z.fromJSONSchema>[0]);
  return (input) => {
    const checked = validator.safeParse(input);
    if (checked.success) return;
    const problems = checked.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`,
    );
    throw new WeftError('INVALID_INPUT', `Invalid arguments for tool "${toolName}": ${problems.join('; ')}`);
  };
}
