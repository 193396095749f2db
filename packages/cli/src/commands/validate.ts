import type { NodeRegistry } from '@weft/engine';
import type { CommandLine } from '../args.ts';
import type { CommandIO } from '../io.ts';
import { loadWorkflowFile } from '../load-workflow.ts';
import { UsageError } from '../usage.ts';

/** `weft validate <file>`: prints every problem with its path (exit 2) or a short summary (exit 0). */
export async function validateCommand(registry: NodeRegistry, cli: CommandLine, io: CommandIO): Promise<number> {
  const file = cli.positionals[0];
  if (!file) throw new UsageError('weft validate needs a workflow file: weft validate <file>');
  const workflow = await loadWorkflowFile(file, registry);
  io.stdout.write(`${file}: valid — '${workflow.name}', ${workflow.nodes.length} nodes, ${workflow.edges.length} edges\n`);
  return 0;
}
