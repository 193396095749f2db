import type { RunRecord } from '@weft/engine';
import type { Weft } from '../compose.ts';
import type { CommandIO } from '../io.ts';
import { formatDuration, formatUsage, paint } from '../view/format.ts';
import { createRunView } from '../view/terminal-view.ts';

/**
 * Shows a run live while `work` drives it (execute, resume, retry): events already stored are
 * replayed first, so the view is complete. Ctrl-C cancels the run. Returns the exit code.
 */
export async function watchRun(
  weft: Weft,
  io: CommandIO,
  runId: string,
  options: { json?: boolean; stream?: boolean },
  work: () => Promise<RunRecord>,
): Promise<number> {
  const out = options.json ? io.stdout : io.stderr;
  const view = createRunView(out, options);
  let seen = 0;
  const buffered: Parameters<typeof view.onEvent>[0][] = [];
  let replaying = true;
  const unsubscribe = weft.engine.subscribe(runId, (event) => {
    if (replaying) buffered.push(event);
    else if (event.seq > seen) {
      seen = event.seq;
      view.onEvent(event);
    }
  });
  for (const event of await weft.store.listEvents(runId, 0, 100_000)) {
    seen = event.seq;
    view.onEvent(event);
  }
  for (const event of buffered) {
    if (event.seq <= seen) continue;
    seen = event.seq;
    view.onEvent(event);
  }
  replaying = false;

  let interrupted = 0;
  const onSigint = () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    io.stderr.write('\nCancelling the run… (press Ctrl-C again to quit at once; `weft resume` can continue a run)\n');
    weft.engine.cancel(runId, 'Cancelled with Ctrl-C').catch(() => {});
  };
  process.on('SIGINT', onSigint);
  let run: RunRecord;
  try {
    run = await work();
  } finally {
    process.off('SIGINT', onSigint);
    unsubscribe();
    view.close();
  }
  if (!options.json) printResult(io, run);
  return run.status === 'succeeded' || run.status === 'waiting' ? 0 : 1;
}

function printResult(io: CommandIO, run: RunRecord): void {
  const color = Boolean(io.stderr.isTTY);
  const took = run.startedAt !== undefined && run.endedAt !== undefined ? ` in ${formatDuration(run.endedAt - run.startedAt)}` : '';
  const usage = formatUsage(run.usage);
  const style = run.status === 'succeeded' ? 'green' : run.status === 'waiting' ? 'yellow' : 'red';
  io.stderr.write(`\n${paint(color, style, `Run ${run.id} ${run.status}${took}`)}${usage ? ` · ${usage}` : ''}\n`);
  if (run.status === 'failed' || run.status === 'cancelled') {
    io.stderr.write(`${paint(color, 'red', run.error?.message ?? '')}\n`);
    io.stderr.write(`See every step with: weft show ${run.id}\n`);
  }
  if (run.status === 'waiting') {
    io.stderr.write(`The run is waiting. Continue it with: weft resume ${run.id} --step <stepId> --output '<json>'\n`);
  }
  if (run.status === 'succeeded' && run.output !== undefined) {
    io.stdout.write(typeof run.output === 'string' ? `${run.output}\n` : `${JSON.stringify(run.output, null, 2)}\n`);
  }
}
