import type { LogFields, Logger } from '@weft/engine';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
type Level = (typeof LEVELS)[number];

/**
 * The server's log: one line per entry on stderr, `time level message key=value…`, or JSON lines
 * with `WEFT_LOG_FORMAT=json`. `WEFT_LOG_LEVEL` (debug, info, warn, error) sets the threshold.
 */
export function stderrLogger(options: { env: NodeJS.ProcessEnv; write: (line: string) => unknown }): Logger {
  const threshold = LEVELS.indexOf((options.env['WEFT_LOG_LEVEL'] as Level | undefined) ?? 'info');
  const json = options.env['WEFT_LOG_FORMAT'] === 'json';
  const entry = (level: Level) => (message: string, fields?: LogFields) => {
    if (LEVELS.indexOf(level) < (threshold < 0 ? 1 : threshold)) return;
    const time = new Date().toISOString();
    if (json) {
      options.write(`${JSON.stringify({ time, level, message, ...fields })}\n`);
      return;
    }
    const rest = Object.entries(fields ?? {})
      .filter(([, value]) => value !== undefined && !(value instanceof Error))
      .map(([key, value]) => `${key}=${typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value)}`);
    options.write(`${time} ${level.padEnd(5)} ${[message, ...rest].join(' ')}\n`);
  };
  return { debug: entry('debug'), info: entry('info'), warn: entry('warn'), error: entry('error') };
}
