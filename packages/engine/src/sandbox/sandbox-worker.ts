// Entry point of the sandbox worker thread. Loads the QuickJS WebAssembly module once, then
// answers one request at a time with a fresh runtime + context each (see run-in-quickjs.ts).
// Loaded by Node directly (type stripping), never through a bundler: keep its imports to
// relative `.ts` files and the two QuickJS packages.
import { parentPort } from 'node:worker_threads';
import { newQuickJSWASMModuleFromVariant } from 'quickjs-emscripten-core';
import type { SandboxRequest, WorkerMessage } from './protocol.ts';
import { runRequest } from './run-in-quickjs.ts';

const port = parentPort;
if (!port) throw new Error('sandbox-worker.ts must be started as a worker thread');

const send = (message: WorkerMessage): void => port.postMessage(message);

try {
  // A dynamic import: the variant package's types describe it as CommonJS, and
  // newQuickJSWASMModuleFromVariant unwraps either shape of `default`.
  const module = await newQuickJSWASMModuleFromVariant(import('@jitl/quickjs-wasmfile-release-sync'));
  port.on('message', (request: SandboxRequest) => send(runRequest(module, request)));
  send({ type: 'ready' });
} catch (error) {
  send({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
}
