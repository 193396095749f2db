import type { RunEvent } from '@weft/engine';
import { formatDuration, formatUsage, oneLine, paint, STATUS_ICON, STATUS_STYLE } from './format.ts';
import { RunViewModel, type StepRow } from './run-view-model.ts';

/** Shows a run's events as they come: redrawn in place on a terminal, plain lines otherwise. */
export interface RunView {
  onEvent(event: RunEvent): void;
  /** Stops redrawing and leaves the final state on screen. */
  close(): void;
}

interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Picks the view for the output: JSON lines, plain lines, or a live terminal view. */
export function createRunView(out: Output, options: { json?: boolean; stream?: boolean; now?: () => number }): RunView {
  if (options.json) return { onEvent: (e) => out.write(`${JSON.stringify(e)}\n`), close() {} };
  if (!out.isTTY || options.stream) return new PlainView(out, Boolean(options.stream), Boolean(out.isTTY));
  return new LiveView(out, options.now ?? Date.now);
}

/** One line per step change; with `stream`, model text is written as it arrives. */
class PlainView implements RunView {
  readonly #model = new RunViewModel();
  readonly out: Output;
  readonly stream: boolean;
  readonly color: boolean;
  #streaming: string | undefined;

  constructor(out: Output, stream: boolean, color: boolean) {
    this.out = out;
    this.stream = stream;
    this.color = color;
  }

  onEvent(event: RunEvent): void {
    this.#model.apply(event);
    if (event.type === 'llm.token') {
      if (!this.stream) return;
      if (this.#streaming !== event.stepId) {
        this.#endStream();
        this.out.write(paint(this.color, 'gray', `  ${event.stepId} › `));
        this.#streaming = event.stepId;
      }
      this.out.write(String((event.data as { text?: unknown }).text ?? ''));
      return;
    }
    const row = event.stepId ? this.#model.rows.get(event.stepId) : undefined;
    const line = row ? stepLine(row, event, this.color) : undefined;
    if (!line) return;
    this.#endStream();
    this.out.write(`${line}\n`);
  }

  #endStream(): void {
    if (this.#streaming !== undefined) this.out.write('\n');
    this.#streaming = undefined;
  }

  close(): void {
    this.#endStream();
  }
}

function stepLine(row: StepRow, event: RunEvent, color: boolean): string | undefined {
  const label = paint(color, STATUS_STYLE[row.status] ?? 'white', `${STATUS_ICON[row.status] ?? '?'} ${row.stepId}`);
  const type = row.type ? paint(color, 'gray', ` (${row.type})`) : '';
  switch (event.type) {
    case 'step.started':
      return `${label}${type} started${row.attempt > 1 ? ` (attempt ${row.attempt})` : ''}`;
    case 'step.succeeded': {
      const usage = formatUsage(row.usage);
      return `${label}${type} succeeded in ${formatDuration(duration(row))}${usage ? ` · ${usage}` : ''}`;
    }
    case 'step.failed':
      return `${label}${type} failed: ${row.error ?? ''}`;
    case 'step.retrying':
      return `${label}${type} attempt ${row.attempt} failed (${row.error ?? ''}); retrying`;
    case 'step.skipped':
      return `${label} skipped (branch not taken)`;
    case 'step.waiting':
      return `${label}${type} waiting: ${JSON.stringify((event.data as { reason?: unknown }).reason ?? '')}`;
    case 'step.cancelled':
      return `${label}${type} cancelled`;
    case 'llm.tool_call':
      return `  ${paint(color, 'gray', `${row.stepId} → ${String((event.data as { name?: unknown }).name)} ${oneLine(JSON.stringify((event.data as { input?: unknown }).input ?? {}), 100)}`)}`;
    default:
      return undefined;
  }
}

/** A table of steps redrawn in place, with a spinner and the latest activity of running steps. */
class LiveView implements RunView {
  readonly #model = new RunViewModel();
  readonly #timer: ReturnType<typeof setInterval>;
  #drawn = 0;
  #frame = 0;
  readonly out: Output;
  readonly now: () => number;

  constructor(out: Output, now: () => number) {
    this.out = out;
    this.now = now;
    this.#timer = setInterval(() => this.#draw(), 80);
    this.#timer.unref();
  }

  onEvent(event: RunEvent): void {
    this.#model.apply(event);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#draw(true);
  }

  #draw(final = false): void {
    const width = Math.max(40, (this.out.columns ?? 100) - 1);
    const lines: string[] = [];
    this.#frame = (this.#frame + 1) % SPINNER.length;
    for (const row of this.#model.rows.values()) {
      const running = row.status === 'running' && !final;
      const icon = running ? SPINNER[this.#frame] : (STATUS_ICON[row.status] ?? '?');
      const time = row.startedAt === undefined ? '' : formatDuration((row.endedAt ?? this.now()) - row.startedAt);
      const usage = formatUsage(row.usage);
      const detail = [row.status, time, usage, row.attempt > 1 ? `attempt ${row.attempt}` : ''].filter(Boolean).join(' · ');
      const head = `${icon} ${row.stepId}${row.type ? ` (${row.type})` : ''}`;
      lines.push(paint(true, STATUS_STYLE[row.status] ?? 'white', oneLine(`${head.padEnd(28)} ${detail}`, width)));
      if (row.error && (row.status === 'failed' || row.status === 'retrying')) lines.push(paint(true, 'red', `    ${oneLine(row.error, width - 4)}`));
      else if (running && row.activity) lines.push(paint(true, 'gray', `    ${oneLine(row.activity.split('\n').at(-1) ?? '', width - 4)}`));
    }
    let text = this.#drawn > 0 ? `\x1b[${this.#drawn}A` : '';
    text += lines.map((l) => `\x1b[2K${l}\n`).join('');
    for (let i = lines.length; i < this.#drawn; i++) text += '\x1b[2K\n';
    this.out.write(text);
    this.#drawn = Math.max(lines.length, this.#drawn);
  }
}

function duration(row: StepRow): number {
  return row.startedAt !== undefined && row.endedAt !== undefined ? row.endedAt - row.startedAt : 0;
}
