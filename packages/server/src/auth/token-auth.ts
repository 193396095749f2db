import type { Clock, Logger, TokenStore } from '@weft/engine';
import { RequestError } from '../errors/request-error.ts';
import { hashApiToken } from './api-tokens.ts';

/** How long a looked-up token (or the fact that tokens exist) is trusted before asking the store again. */
const CACHE_MS = 2_000;
/** A token's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 1_000;

/**
 * Bearer-token auth against the TokenStore. In `auto` mode a token is required once any exists.
 * Lookups are cached for a moment so a busy endpoint does not read the token table per request; a
 * deleted token therefore stops working within `CACHE_MS`.
 */
export class TokenAuth {
  readonly #store: TokenStore;
  readonly #mode: 'auto' | 'required' | 'off';
  readonly #clock: Clock;
  readonly #logger: Logger;
  #tokensExist: { value: boolean; until: number } | undefined;
  readonly #valid = new Map<string, { id: string; until: number }>();
  readonly #touched = new Map<string, number>();

  constructor(options: { store: TokenStore; mode: 'auto' | 'required' | 'off'; clock: Clock; logger: Logger }) {
    this.#store = options.store;
    this.#mode = options.mode;
    this.#clock = options.clock;
    this.#logger = options.logger;
  }

  /** Throws a 401 unless the request may pass. */
  async check(request: Request, allowQueryToken: boolean): Promise<void> {
    if (this.#mode === 'off') return;
    if (this.#mode === 'auto' && !(await this.#required())) return;
    const token = bearerToken(request) ?? (allowQueryToken ? queryToken(request) : undefined);
    if (!token) {
      throw new RequestError('UNAUTHORIZED', 'This API needs a token: send `Authorization: Bearer <token>` (create one with `weft token create`)', {
        path: 'headers.authorization',
      });
    }
    if (!(await this.#verify(token))) {
      throw new RequestError('UNAUTHORIZED', 'The API token is not valid (unknown or deleted)', { path: 'headers.authorization' });
    }
  }

  /** Drops cached answers, after this process created or deleted a token (others see it within `CACHE_MS`). */
  forget(): void {
    this.#tokensExist = undefined;
    this.#valid.clear();
  }

  async #required(): Promise<boolean> {
    // Cache expiry is wall time: it is about load on the store, not about the engine's clock.
    const now = Date.now();
    if (this.#tokensExist && this.#tokensExist.until > now) return this.#tokensExist.value;
    const value = (await this.#store.countTokens()) > 0;
    this.#tokensExist = { value, until: now + CACHE_MS };
    return value;
  }

  async #verify(token: string): Promise<boolean> {
    const hash = hashApiToken(token);
    const now = Date.now();
    const cached = this.#valid.get(hash);
    let id = cached && cached.until > now ? cached.id : undefined;
    if (!id) {
      const record = await this.#store.findTokenByHash(hash);
      if (!record) {
        this.#valid.delete(hash);
        return false;
      }
      id = record.id;
      if (this.#valid.size >= MAX_CACHED) this.#valid.clear();
      this.#valid.set(hash, { id, until: now + CACHE_MS });
    }
    if ((this.#touched.get(id) ?? 0) + TOUCH_EVERY_MS <= now) {
      this.#touched.set(id, now);
      this.#store.touchToken(id, this.#clock.now()).catch((error: unknown) =>
        this.#logger.warn('Could not record an API token’s use', { tokenId: id, error: String(error) }),
      );
    }
    return true;
  }
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function queryToken(request: Request): string | undefined {
  const at = request.url.indexOf('?');
  if (at < 0) return undefined;
  return new URLSearchParams(request.url.slice(at + 1)).get('access_token') ?? undefined;
}
