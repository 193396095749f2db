import type { Json } from '@weft/engine';

/** What a routing node passes on: its one input, or all inputs by node id when it joins several. */
export function passThrough(inputs: Record<string, Json>): Json {
  const values = Object.values(inputs);
  if (values.length === 0) return null;
  if (values.length === 1) return values[0] as Json;
  return inputs;
}
