import { mkdir } from 'node:fs/promises';
import {
  CancelledError,
  defineNode,
  NonRetryableError,
  TimeoutError,
  WeftError,
  type NodeType,
} from '@weft/engine';
import { z } from 'zod';
import { runProcess, type ProcessResult } from './run-process.ts';

/** How shell steps are configured by the operator (not by workflows). */
export interface ShellOptions {
  /** Off unless set: `WEFT_SHELL=on`. */
  enabled: boolean;
  /** Names of environment variables passed through besides PATH and LANG. */
  envAllow?: string[];
  /** Largest stdout + stderr kept per step (default 1 MiB); past it the process is killed. */
  maxOutputBytes?: number;
}

/** Default time limit of a shell step. */
export const DEFAULT_SHELL_TIMEOUT_MS = 60_000;
/** Longest time limit a shell step may ask for. */
export const MAX_SHELL_TIMEOUT_MS = 3_600_000;
/** Default cap on a shell step's output. */
export const DEFAULT_SHELL_MAX_OUTPUT_BYTES = 1024 * 1024;

const params = z.object({
  command: z
    .string()
    .min(1, 'required: the program to run, e.g. "npm"')
    .describe('The program (looked up on PATH); never a shell string.'),
  args: z
    .array(z.union([z.string(), z.number(), z.boolean()]).transform(String))
    .default([])
    .describe('Arguments; each (templates included) is passed as exactly one argument.'),
  stdin: z.string().optional(),
  timeoutMs: z.number().int().positive().max(MAX_SHELL_TIMEOUT_MS).default(DEFAULT_SHELL_TIMEOUT_MS),
  allowFailure: z.boolean().default(false).describe('Succeed even when the exit code is not 0.'),
});

/**
 * The `shell` node: runs one program with an argument array (no shell) in the run's workspace,
 * with a minimal environment. Refused unless the operator enabled shell steps.
 */
export function createShellNode(options: ShellOptions | undefined): NodeType {
  const enabled = options?.enabled === true;
  const envAllow = options?.envAllow ?? [];
  const maxOutputBytes = options?.maxOutputBytes ?? DEFAULT_SHELL_MAX_OUTPUT_BYTES;
  return defineNode({
    type: 'shell',
    version: 1,
    category: 'io',
    title: 'Shell command',
    description:
      'Runs a program with arguments (argv, never a shell string: templates cannot inject commands) in the run workspace, ' +
      'with a minimal environment, a time limit and an output cap. Outputs { exitCode, stdout, stderr }; the combined output is saved as an artifact. ' +
      'A non-zero exit fails the step unless allowFailure. Off by default: the operator enables it with WEFT_SHELL=on.',
    params,
    example: {
      command: 'npm',
      args: ['run', 'build', '--', '--out', '{{ steps.plan.output.dir }}'],
      timeoutMs: 300_000,
    },
    async run(ctx) {
      if (!enabled) {
        throw new NonRetryableError(
          `Shell steps are disabled on this server, so '${ctx.node.id}' cannot run. An operator can enable them by starting Weft with WEFT_SHELL=on (commands then run with the server's user rights).`,
        );
      }
      const p = ctx.params;
      await mkdir(ctx.workspace, { recursive: true });
      const env: Record<string, string> = {
        HOME: ctx.workspace,
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        LANG: process.env['LANG'] ?? 'C.UTF-8',
      };
      for (const name of envAllow) {
        const value = process.env[name];
        if (value !== undefined) env[name] = value;
      }
      let result: ProcessResult;
      try {
        result = await runProcess({
          command: p.command,
          args: p.args,
          cwd: ctx.workspace,
          env,
          timeoutMs: p.timeoutMs,
          maxOutputBytes,
          signal: ctx.signal,
          stdin: p.stdin,
        });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT')
          throw new NonRetryableError(`Program '${p.command}' was not found on PATH (params.command).`);
        if (code === 'EACCES')
          throw new NonRetryableError(`Program '${p.command}' is not executable (params.command).`);
        throw error;
      }
      if (result.stopped === 'cancelled')
        throw new CancelledError(`'${p.command}' was stopped: the step was cancelled`);
      const artifact = await ctx.artifacts.put(
        `shell-${ctx.step.id}.log`,
        result.combined,
        'text/plain; charset=utf-8',
      );
      const output = {
        exitCode: result.exitCode,
        signal: result.signal,
        stdout: result.stdout,
        stderr: result.stderr,
        truncated: result.stopped === 'output-limit',
        durationMs: result.durationMs,
        artifact: { id: artifact.id, name: artifact.name },
      };
      ctx.logger.debug('shell', {
        command: p.command,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
      });
      if (result.stopped === 'timeout')
        throw new TimeoutError(`'${p.command}' ran past its time limit of ${p.timeoutMs} ms and was killed`);
      if (result.stopped === 'output-limit') {
        throw new NonRetryableError(
          `'${p.command}' wrote more than ${maxOutputBytes} bytes of output and was killed; the first ${maxOutputBytes} bytes are in artifact ${artifact.name}.`,
          { details: output },
        );
      }
      if (result.exitCode !== 0 && !p.allowFailure) {
        const tail = (result.stderr || result.stdout).trimEnd().slice(-1000);
        throw new WeftError(
          'NODE_FAILED',
          `'${p.command}' exited with ${result.exitCode ?? result.signal}${tail ? `: ${tail}` : ''} (set allowFailure to continue anyway)`,
          { retryable: true, details: output },
        );
      }
      return { output };
    },
  }) as NodeType;
}
