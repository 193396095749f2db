import type { Weft } from '../compose.ts';
import type { CommandLine } from '../args.ts';
import type { CommandIO } from '../io.ts';
import { parseInput } from '../input.ts';
import { loadWorkflowFile } from '../load-workflow.ts';
import { UsageError } from '../usage.ts';
import { watchRun } from './watch-run.ts';

/** `weft run <file>`: validates, starts and watches a run. */
export async function runCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const file = cli.positionals[0];
  if (!file) throw new UsageError('weft run needs a workflow file: weft run <file>');
  const workflow = await loadWorkflowFile(file, weft.registry);
  const input = parseInput(cli.options.input);
  if (cli.options.model !== undefined && !/^[\w.-]+:.+$/.test(cli.options.model)) {
    throw new UsageError(`--model must look like provider:model (e.g. openai:gpt-4o-mini), not '${cli.options.model}'`);
  }
  const { run } = await weft.engine.startRun({
    workflow,
    input,
    options: cli.options.model ? { model: cli.options.model } : {},
    enqueueOnly: true,
  });
  return watchRun(weft, io, run.id, cli.options, () => weft.engine.execute(run.id));
}
