import type { Json } from '../json.ts';
import type { Logger, LogFields } from '../ports/logger.ts';
import type { SecretResolver } from '../ports/secret-resolver.ts';

const MASK = '[redacted]';
/** Shorter values would mask ordinary text. */
const MIN_SECRET_LENGTH = 4;

/**
 * Remembers the secret values a run has resolved and masks them wherever they would be stored,
 * streamed or logged: step inputs and outputs, errors, tool traces, events and log fields.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  get active(): boolean {
    return this.#secrets.size > 0;
  }

  /** Wraps a resolver so every value it hands out is remembered. */
  watch(resolver: SecretResolver): SecretResolver {
    return {
      resolve: async (name) => {
        const value = await resolver.resolve(name);
        if (typeof value === 'string') this.#add(value);
        else if (value) for (const part of Object.values(value)) this.#add(part);
        return value;
      },
    };
  }

  /** A logger whose messages and fields are masked. */
  logger(inner: Logger): Logger {
    const wrap =
      (level: keyof Logger) =>
      (message: string, fields?: LogFields): void => {
        if (!this.active) return inner[level](message, fields);
        inner[level](this.text(message), fields ? (this.value(fields as Json) as LogFields) : undefined);
      };
    return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
  }

  /** Masks secrets in any JSON-like value (a new value; the input is not changed). */
  value<T>(value: T): T {
    if (!this.active) return value;
    return this.#walk(value) as T;
  }

  text(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  }

  #add(value: string): void {
    if (value.length >= MIN_SECRET_LENGTH) this.#secrets.add(value);
  }

  #walk(value: unknown): unknown {
    if (typeof value === 'string') return this.text(value);
    if (Array.isArray(value)) return value.map((v) => this.#walk(v));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) out[key] = this.#walk(v);
      return out;
    }
    return value;
  }
}
