import { z } from 'zod';
import { outputPorts, type NodeRegistry } from '@weft/engine';
import type { CommandLine } from '../args.ts';
import type { CommandIO } from '../io.ts';

/** `weft nodes`: every node type with its ports and params. */
export async function nodesCommand(registry: NodeRegistry, cli: CommandLine, io: CommandIO): Promise<number> {
  const types = registry.list().sort((a, b) => a.category.localeCompare(b.category) || a.type.localeCompare(b.type));
  if (cli.options.json) {
    const docs = types.map((t) => ({
      type: t.type,
      version: t.version,
      category: t.category,
      title: t.title,
      description: t.description,
      outputs: typeof t.outputs === 'function' ? 'from params' : outputPorts(t, {}),
      params: z.toJSONSchema(t.params, { io: 'input', unrepresentable: 'any' }),
      example: t.example ?? null,
    }));
    io.stdout.write(`${JSON.stringify(docs, null, 2)}\n`);
    return 0;
  }
  let category = '';
  for (const t of types) {
    if (t.category !== category) {
      category = t.category;
      io.stdout.write(`\n${category}\n`);
    }
    io.stdout.write(`  ${t.type.padEnd(14)} ${t.title} — ${t.description.split('. ')[0]}.\n`);
  }
  return 0;
}
