export {
  createSandbox,
  DEFAULT_SANDBOX_MEMORY_BYTES,
  DEFAULT_SANDBOX_STACK_BYTES,
  DEFAULT_SANDBOX_TIMEOUT_MS,
  type RunCodeOptions,
  type RunCodeResult,
  type Sandbox,
  type SandboxLog,
  type SandboxOptions,
} from './sandbox.ts';
