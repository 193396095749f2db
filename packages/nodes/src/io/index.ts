import { createSandbox, type NodeType, type Sandbox } from '@weft/engine';
import type { EgressClient } from '../egress/index.ts';
import { approvalNode } from './approval/approval-node.ts';
import { createCodeNode } from './code/code-node.ts';
import { filesNode } from './files/files-node.ts';
import { createHttpNode } from './http/http-node.ts';
import { createShellNode, type ShellOptions } from './shell/shell-node.ts';

export type { ShellOptions } from './shell/shell-node.ts';
export { UnsafePathError } from './files/safe-path.ts';

/** How the io nodes reach the outside world. */
export interface IoNodeOptions {
  /** The one egress client: every HTTP request of the `http` node goes through it. */
  egress: EgressClient;
  /** The sandbox code steps run in; created on first use when absent (shared by every code step). */
  sandbox?: Sandbox;
  /** Shell steps: refused unless `enabled` (`WEFT_SHELL=on`). */
  shell?: ShellOptions;
}

/**
 * The io nodes: `http`, `code`, `shell`, `files` and `approval`.
 * @example createIoNodes({ egress: createEgressClient(), shell: { enabled: process.env.WEFT_SHELL === 'on' } })
 */
export function createIoNodes(options: IoNodeOptions): NodeType[] {
  let sandbox = options.sandbox;
  const sharedSandbox = (): Sandbox => (sandbox ??= createSandbox());
  return [
    createHttpNode(options.egress),
    createCodeNode(sharedSandbox),
    createShellNode(options.shell),
    filesNode,
    approvalNode,
  ];
}
