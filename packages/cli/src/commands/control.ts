import { parseJsonOption } from '../input.ts';
import type { Weft } from '../compose.ts';
import type { CommandLine } from '../args.ts';
import type { CommandIO } from '../io.ts';
import { UsageError } from '../usage.ts';
import { watchRun } from './watch-run.ts';

/**
 * `weft resume <runId>`: continues an interrupted run, or resumes a waiting step with `--output`.
 * Without a run id it finds every run a dead process left running and continues them all.
 */
export async function resumeCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  if (cli.positionals.length === 0) return resumeOrphans(weft, io);
  const runId = requireArg(cli, 0, 'weft resume <runId>');
  const { step, output } = cli.options;
  if ((step === undefined) !== (output === undefined)) {
    throw new UsageError('--step and --output go together: weft resume <runId> --step <stepId> --output <json>');
  }
  const work =
    step !== undefined && output !== undefined
      ? () => weft.engine.resumeStep(runId, step, { output: parseJsonOption(output) })
      : () => weft.engine.execute(runId);
  return watchRun(weft, io, runId, cli.options, work);
}

async function resumeOrphans(weft: Weft, io: CommandIO): Promise<number> {
  const ids = [...(await weft.engine.resumeOrphans()), ...(await weft.engine.wakeDueRuns())];
  if (ids.length === 0) {
    io.stdout.write('Nothing to resume: every running run has a live owner and no timed wait is due.\n');
    return 0;
  }
  io.stdout.write(`Resuming ${ids.length} interrupted run(s): ${ids.join(', ')}\n`);
  const runs = await Promise.all(ids.map((id) => weft.engine.execute(id)));
  for (const run of runs) io.stdout.write(`Run ${run.id} ${run.status}\n`);
  return runs.every((r) => r.status === 'succeeded' || r.status === 'waiting') ? 0 : 1;
}

/** `weft retry <runId> <stepId>`: resets a failed step and what follows it, and continues. */
export async function retryCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const runId = requireArg(cli, 0, 'weft retry <runId> <stepId>');
  const stepId = requireArg(cli, 1, 'weft retry <runId> <stepId>');
  return watchRun(weft, io, runId, cli.options, () => weft.engine.retryStep(runId, stepId));
}

/** `weft cancel <runId>`. */
export async function cancelCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const runId = requireArg(cli, 0, 'weft cancel <runId>');
  const run = await weft.engine.cancel(runId, 'Cancelled with weft cancel');
  io.stdout.write(`Run ${run.id} ${run.status}\n`);
  return 0;
}

function requireArg(cli: CommandLine, index: number, usage: string): string {
  const value = cli.positionals[index];
  if (!value) throw new UsageError(`usage: ${usage}`);
  return value;
}
