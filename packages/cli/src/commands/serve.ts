import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from '@weft/server';
import { loadTemplates } from '../templates.ts';
import type { CommandLine } from '../args.ts';
import type { Weft } from '../compose.ts';
import type { CommandIO } from '../io.ts';
import { UsageError } from '../usage.ts';

/** What `weft serve` waits for: the signal that stops it (SIGTERM, SIGINT). */
export type StopSignal = Promise<string>;

/**
 * `weft serve`: the API with its in-process workers, webhooks, cron schedules and chat, over the
 * SQLite store, until SIGTERM or SIGINT. At start it picks up the runs a previous process left; at
 * stop it takes no more work, lets running steps finish (up to the shutdown timeout; what is cut
 * off resumes on the next start) and exits 0.
 */
export async function serveCommand(weft: Weft, cli: CommandLine, io: CommandIO, options: { env: NodeJS.ProcessEnv; stop: StopSignal }): Promise<number> {
  const host = cli.options.host ?? '127.0.0.1';
  const port = parsePort(cli.options.port ?? '8080');
  const publicUrl = options.env['WEFT_PUBLIC_URL'];
  const server = createServer({
    engine: weft.engine,
    store: weft.store,
    registry: weft.registry,
    vault: await weft.vault(),
    secrets: weft.secrets,
    artifacts: weft.artifacts,
    templates: await loadTemplates(),
    webRoot: options.env['WEFT_WEB_ROOT'] ?? builtWebUi(),
    ...(weft.logger ? { logger: weft.logger } : {}),
    config: { ...(publicUrl ? { publicUrl } : {}) },
  });
  const picked = await server.recover();
  const listening = await server.listen({ host, port });
  io.stdout.write(
    [
      `Weft is listening on ${listening.url}`,
      `  web UI     ${listening.url}/`,
      `  API docs   ${listening.url}/api/docs`,
      `  data       ${weft.home} (database ${weft.dbPath})`,
      ...(picked > 0 ? [`  picked up  ${picked} run${picked === 1 ? '' : 's'} left by an earlier process`] : []),
      'Stop with Ctrl+C (running steps finish first).',
      '',
    ].join('\n'),
  );
  if (!/^(127\.|::1$|localhost$)/.test(host) && (await weft.store.countTokens()) === 0) {
    io.stderr.write(
      `warning: listening on ${host} with no API token: anyone who can reach it can use the API. Create one with: weft token create --name <name>\n`,
    );
  }
  const signal = await options.stop;
  io.stderr.write(`${signal}: stopping — no new work; waiting for running steps…\n`);
  await listening.close();
  io.stderr.write('Stopped.\n');
  return 0;
}

/** The folder `npm install` builds the web UI into. */
function builtWebUi(): string {
  return join(dirname(fileURLToPath(import.meta.resolve('@weft/web/package.json'))), 'dist');
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) throw new UsageError(`--port takes a number from 0 to 65535, not '${text}'`);
  return port;
}

/**
 * Resolves with the name of the first SIGTERM or SIGINT. A second one while stopping exits at once
 * (runs cut off resume on the next start).
 */
export function processStopSignal(io: CommandIO): StopSignal {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.stderr.write(`${signal} again: exiting now; unfinished runs resume on the next start.\n`);
        process.exit(130);
      }
      stopping = true;
      resolve(signal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
