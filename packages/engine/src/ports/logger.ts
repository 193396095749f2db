/** Structured log fields. Never put secret values here: the secret resolver redacts what it knows. */
export type LogFields = Record<string, unknown>;

/** The engine's logger port. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** A logger that drops everything. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
