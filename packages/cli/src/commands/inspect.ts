import type { Json, RunRecord, RunStatus, StepRecord } from '@weft/engine';
import type { Weft } from '../compose.ts';
import type { CommandLine } from '../args.ts';
import type { CommandIO } from '../io.ts';
import { formatDuration, formatUsage, paint, STATUS_ICON, STATUS_STYLE } from '../view/format.ts';
import { UsageError } from '../usage.ts';
import { NotFoundError } from '@weft/engine';

const STATUSES: RunStatus[] = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];

/** `weft runs`: the latest runs, newest first. */
export async function runsCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const limit = cli.options.limit === undefined ? 20 : Number(cli.options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit takes a whole number from 1 to 1000');
  const status = cli.options.status?.split(',') as RunStatus[] | undefined;
  const bad = status?.find((s) => !STATUSES.includes(s));
  if (bad) throw new UsageError(`--status '${bad}' is not a run status (${STATUSES.join(', ')})`);
  const page = await weft.store.listRuns({ limit, parentRunId: null, ...(status ? { status } : {}) });
  if (cli.options.json) {
    io.stdout.write(`${JSON.stringify(page.runs, null, 2)}\n`);
    return 0;
  }
  if (page.runs.length === 0) {
    io.stdout.write('No runs yet. Start one with: weft run <file>\n');
    return 0;
  }
  const color = Boolean(io.stdout.isTTY);
  for (const run of page.runs) {
    const took = run.startedAt && run.endedAt ? formatDuration(run.endedAt - run.startedAt) : '';
    io.stdout.write(
      `${paint(color, STATUS_STYLE[run.status] ?? 'white', run.status.padEnd(10))} ${run.id}  ${run.workflowId}@${run.workflowVersion}  ${new Date(run.createdAt).toISOString()}  ${took}\n`,
    );
  }
  return 0;
}

/** `weft show <runId>`: the run and every step with input, output, model, tokens, tool calls and attempts. */
export async function showCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const runId = cli.positionals[0];
  if (!runId) throw new UsageError('usage: weft show <runId>');
  const run = await weft.store.getRun(runId);
  if (!run) throw new NotFoundError(`Run '${runId}' not found (list runs with: weft runs)`);
  const steps = await weft.store.getSteps(runId);
  if (cli.options.json) {
    io.stdout.write(`${JSON.stringify({ run, steps }, null, 2)}\n`);
    return 0;
  }
  io.stdout.write(describeRun(run, steps, Boolean(io.stdout.isTTY)));
  return 0;
}

/** Human-readable report of a run. */
export function describeRun(run: RunRecord, steps: StepRecord[], color: boolean): string {
  const lines: string[] = [];
  const took = run.startedAt && run.endedAt ? ` in ${formatDuration(run.endedAt - run.startedAt)}` : '';
  lines.push(paint(color, 'bold', `Run ${run.id}`));
  lines.push(`  workflow  ${run.workflowId} (version ${run.workflowVersion})`);
  lines.push(`  status    ${paint(color, STATUS_STYLE[run.status] ?? 'white', run.status)}${took}`);
  lines.push(`  created   ${new Date(run.createdAt).toISOString()}`);
  if (run.options.model) lines.push(`  model     ${run.options.model} (run override)`);
  const usage = formatUsage(run.usage);
  if (usage) lines.push(`  usage     ${usage}`);
  lines.push(`  input     ${block(run.input, 12)}`);
  if (run.output !== undefined) lines.push(`  output    ${block(run.output, 12)}`);
  if (run.error) lines.push(`  error     ${paint(color, 'red', run.error.message)}`);
  for (const step of steps) {
    lines.push('');
    const head = `${STATUS_ICON[step.status] ?? '?'} ${step.stepId}`;
    lines.push(paint(color, STATUS_STYLE[step.status] ?? 'white', `${head}  ${step.status}`));
    step.attempts.forEach((attempt, i) => {
      const last = i === step.attempts.length - 1;
      const label = step.attempts.length > 1 ? `  attempt ${attempt.attempt} (${attempt.status})` : '';
      if (label) lines.push(label);
      const pad = step.attempts.length > 1 ? '    ' : '  ';
      if (attempt.model) lines.push(`${pad}model     ${attempt.model}`);
      const u = formatUsage(attempt.usage);
      if (u) lines.push(`${pad}tokens    ${u} (in ${attempt.usage?.inputTokens ?? 0}, out ${attempt.usage?.outputTokens ?? 0})`);
      if (attempt.startedAt !== undefined && attempt.endedAt !== undefined) {
        lines.push(`${pad}duration  ${formatDuration(attempt.endedAt - attempt.startedAt)}`);
      }
      if (last || attempt.status !== 'succeeded') {
        if (attempt.input !== undefined) lines.push(`${pad}input     ${block(attempt.input, pad.length + 10)}`);
        for (const call of attempt.toolCalls ?? []) {
          const result = call.error !== undefined ? `error: ${call.error}` : block(call.output ?? null, pad.length + 14, 600);
          lines.push(`${pad}tool call ${call.name}(${JSON.stringify(call.input)})`);
          lines.push(`${pad}   → ${result}`);
        }
        if (attempt.output !== undefined) lines.push(`${pad}output    ${block(attempt.output, pad.length + 10)}`);
        if (attempt.error) lines.push(`${pad}error     ${paint(color, 'red', `${attempt.error.code}: ${attempt.error.message}`)}`);
      }
    });
  }
  return `${lines.join('\n')}\n`;
}

/** A value on the first line, further lines indented; long values shortened. */
function block(value: Json, indent: number, max = 4000): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters; weft show --json for all)` : text;
  return cut.split('\n').join(`\n${' '.repeat(indent)}`);
}
