/** The streams a command writes to (real ones in the CLI, buffers in tests). */
export interface CommandIO {
  stdout: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}
