import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createEngine,
  NodeRegistry,
  type ArtifactStore,
  type Engine,
  type Logger,
  type SecretResolver,
  type WeftStore,
} from '@weft/engine';
import { createNodeLibrary, type WebSearchOptions, type WebSearchProvider } from '@weft/nodes';
import { createModelProvider, resolveDefaultModel } from '@weft/providers';
import { createVault, credentialResolver, loadEncryptionKey, type Vault } from '@weft/server';
import { createFolderArtifactStore, openSqliteStore } from '@weft/stores';

/** Everything a command needs, wired once: the one composition root. */
export interface Weft {
  engine: Engine;
  store: WeftStore;
  registry: NodeRegistry;
  /** Where Weft keeps its data: `$WEFT_HOME`, else `./.weft`. */
  home: string;
  dbPath: string;
  /** Credentials by name, decrypted with the key (read or created on first use). */
  secrets: SecretResolver;
  /** The credential vault (loads, or on first start creates, `<home>/secret.key`). */
  vault(): Promise<Vault>;
  /** Files runs produce: `<home>/artifacts`. */
  artifacts: ArtifactStore;
  logger: Logger | undefined;
  /**
   * Waits for the engine's runs (up to `graceMs`), then closes the store. Runs still going after the
   * grace keep their lease and resume on the next start; the store stays open for them until the process exits.
   */
  close(graceMs?: number): Promise<void>;
}

/** The data folder: `$WEFT_HOME`, else `./.weft`. */
export function weftHome(env: NodeJS.ProcessEnv): string {
  return resolve(env['WEFT_HOME'] || '.weft');
}

/** Where Weft keeps its database: `--db`, else `$WEFT_HOME/weft.db`, else `./.weft/weft.db`. */
export function databasePath(env: NodeJS.ProcessEnv, db?: string): string {
  if (db) return resolve(db);
  return join(weftHome(env), 'weft.db');
}

/** The node types this installation offers. */
export function nodeRegistry(env: NodeJS.ProcessEnv): NodeRegistry {
  const shell = { enabled: env['WEFT_SHELL'] === 'on', envAllow: splitList(env['WEFT_SHELL_ENV']) };
  const provider = SEARCH_PROVIDERS.find((p) => p === env['WEFT_SEARCH_PROVIDER']);
  const webSearch: WebSearchOptions | undefined =
    provider !== undefined
      ? {
          provider,
          ...(env['WEFT_SEARCH_URL'] ? { baseUrl: env['WEFT_SEARCH_URL'] } : {}),
          ...(env['WEFT_SEARCH_CREDENTIAL'] ? { credential: env['WEFT_SEARCH_CREDENTIAL'] } : {}),
        }
      : undefined;
  return new NodeRegistry(
    createNodeLibrary({
      egressAllow: splitList(env['WEFT_EGRESS_ALLOW']),
      shell,
      mcp: { allowStdio: env['WEFT_MCP_STDIO'] === 'on' },
      ...(webSearch ? { webSearch } : {}),
    }),
  );
}

const SEARCH_PROVIDERS: WebSearchProvider[] = ['searxng', 'brave', 'tavily'];

/** `a, b,c` → `['a', 'b', 'c']`. */
function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Wires store, credentials, providers, nodes and engine from the environment. */
export async function composeWeft(options: { env: NodeJS.ProcessEnv; db?: string; logger?: Logger }): Promise<Weft> {
  const { env } = options;
  const home = weftHome(env);
  const dbPath = databasePath(env, options.db);
  const store = await openSqliteStore({ path: dbPath });
  const registry = nodeRegistry(env);
  let vault: Promise<Vault> | undefined;
  const loadVault = () => (vault ??= loadEncryptionKey({ env, keyFile: join(home, 'secret.key') }).then(createVault));
  const secrets: SecretResolver = {
    // The key is read only when a credential is used, so commands that use none create no key file.
    async resolve(name) {
      if (!(await store.getCredential(name))) return undefined;
      return credentialResolver(store, await loadVault()).resolve(name);
    },
  };
  const artifacts = createFolderArtifactStore({ root: join(home, 'artifacts') });
  const engine = createEngine({
    store,
    registry,
    artifacts,
    workspaceRoot: join(home, 'workspaces'),
    models: createModelProvider({ env }),
    secrets,
    env,
    fallbackModel: resolveDefaultModel({}),
    isOwnerAlive,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  let closing: Promise<void> | undefined;
  return {
    engine,
    store,
    registry,
    home,
    dbPath,
    secrets,
    vault: loadVault,
    artifacts,
    logger: options.logger,
    close(graceMs = Number.POSITIVE_INFINITY) {
      return (closing ??= (async () => {
        const closed = engine.close().then(() => true);
        if (!(await Promise.race([closed, delay(graceMs).then(() => false)]))) return;
        await store.close();
      })());
    },
  };
}

function delay(ms: number): Promise<void> {
  if (ms === Number.POSITIVE_INFINITY) return new Promise(() => {});
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** A lease owner is `host:pid:tag`; on this host, a pid that no longer exists is a dead owner. */
function isOwnerAlive(owner: string): boolean {
  const [host, pid] = owner.split(':');
  if (host !== hostname() || !pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
