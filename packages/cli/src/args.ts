import { parseArgs } from 'node:util';
import { UsageError } from './usage.ts';

/** Parsed command line: the command, its positionals and options. */
export interface CommandLine {
  command: string | undefined;
  positionals: string[];
  options: {
    db?: string;
    input?: string;
    model?: string;
    stream?: boolean;
    json?: boolean;
    help?: boolean;
    limit?: string;
    status?: string;
    step?: string;
    output?: string;
    host?: string;
    port?: string;
    name?: string;
  };
}

/** Parses argv (without node and script), turning unknown flags into a UsageError. */
export function parseCommandLine(argv: string[]): CommandLine {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        input: { type: 'string', short: 'i' },
        model: { type: 'string', short: 'm' },
        stream: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        limit: { type: 'string' },
        status: { type: 'string' },
        step: { type: 'string' },
        output: { type: 'string' },
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        name: { type: 'string' },
      },
    });
    const [command, ...rest] = positionals;
    return { command, positionals: rest, options: values };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
