import { InvalidWorkflowError, WeftError } from '@weft/engine';
import { parseCommandLine } from './args.ts';
import { composeWeft, nodeRegistry, type Weft } from './compose.ts';
import type { CommandIO } from './io.ts';
import { cancelCommand, resumeCommand, retryCommand } from './commands/control.ts';
import { runsCommand, showCommand } from './commands/inspect.ts';
import { nodesCommand } from './commands/nodes.ts';
import { runCommand } from './commands/run.ts';
import { processStopSignal, serveCommand, type StopSignal } from './commands/serve.ts';
import { tokenCommand } from './commands/token.ts';
import { validateCommand } from './commands/validate.ts';
import { stderrLogger } from './log/stderr-logger.ts';
import { USAGE, UsageError } from './usage.ts';

const STORE_COMMANDS = {
  run: runCommand,
  runs: runsCommand,
  show: showCommand,
  resume: resumeCommand,
  retry: retryCommand,
  cancel: cancelCommand,
  token: tokenCommand,
} as const;

/** How long `weft serve` waits, after the server closed, for runs the engine still executes. */
const SERVE_CLOSE_GRACE_MS = 1_000;

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 the run failed, 2 bad usage or invalid workflow.
 * `stop` ends `weft serve` (default: the first SIGTERM or SIGINT).
 */
export async function main(argv: string[], io: CommandIO, env: NodeJS.ProcessEnv = process.env, stop?: StopSignal): Promise<number> {
  let weft: Weft | undefined;
  let graceMs: number | undefined;
  try {
    const cli = parseCommandLine(argv);
    if (cli.options.help || cli.command === undefined || cli.command === 'help') {
      io.stdout.write(USAGE);
      return cli.command === undefined && !cli.options.help ? 2 : 0;
    }
    if (cli.command === 'validate') return await validateCommand(nodeRegistry(env), cli, io);
    if (cli.command === 'nodes') return await nodesCommand(nodeRegistry(env), cli, io);
    const db = cli.options.db ? { db: cli.options.db } : {};
    if (cli.command === 'serve') {
      const logger = stderrLogger({ env, write: (line) => io.stderr.write(line) });
      weft = await composeWeft({ env, ...db, logger });
      graceMs = SERVE_CLOSE_GRACE_MS;
      return await serveCommand(weft, cli, io, { env, stop: stop ?? processStopSignal(io) });
    }
    const command = STORE_COMMANDS[cli.command as keyof typeof STORE_COMMANDS];
    if (!command) {
      throw new UsageError(`unknown command '${cli.command}'. Commands: run, serve, validate, runs, show, resume, retry, cancel, token, nodes`);
    }
    weft = await composeWeft({ env, ...db });
    return await command(weft, cli, io);
  } catch (error) {
    return reportError(error, io, env);
  } finally {
    await weft?.close(graceMs);
  }
}

function reportError(error: unknown, io: CommandIO, env: NodeJS.ProcessEnv): number {
  if (error instanceof UsageError) {
    io.stderr.write(`weft: ${error.message}\nRun 'weft --help' for usage.\n`);
    return 2;
  }
  if (error instanceof InvalidWorkflowError) {
    io.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof WeftError) {
    io.stderr.write(`weft: ${error.message}\n`);
    return error.code === 'NOT_FOUND' || error.code === 'INVALID_INPUT' ? 2 : 1;
  }
  io.stderr.write(`weft: ${(error as Error)?.message ?? String(error)}\n`);
  if (env['WEFT_DEBUG']) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
  return 1;
}
