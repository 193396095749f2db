import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { createEngine, NodeRegistry, type Engine, type Logger, type RunStore } from '@weft/engine';
import { createNodeLibrary } from '@weft/nodes';
import { createModelProvider, resolveDefaultModel } from '@weft/providers';
import { openSqliteRunStore } from '@weft/stores';

/** Everything a command needs, wired once: the one composition root. */
export interface Weft {
  engine: Engine;
  store: RunStore;
  registry: NodeRegistry;
  dbPath: string;
  close(): Promise<void>;
}

/** Where Weft keeps its data: `--db`, else `$WEFT_HOME/weft.db`, else `./.weft/weft.db`. */
export function databasePath(env: NodeJS.ProcessEnv, db?: string): string {
  if (db) return resolve(db);
  return join(resolve(env['WEFT_HOME'] || '.weft'), 'weft.db');
}

/** The node types this installation offers. */
export function nodeRegistry(env: NodeJS.ProcessEnv): NodeRegistry {
  const allow = (env['WEFT_EGRESS_ALLOW'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return new NodeRegistry(createNodeLibrary({ egressAllow: allow }));
}

/** Wires store, providers, nodes and engine from the environment. */
export async function composeWeft(options: { env: NodeJS.ProcessEnv; db?: string; logger?: Logger }): Promise<Weft> {
  const { env } = options;
  const dbPath = databasePath(env, options.db);
  const store = await openSqliteRunStore({ path: dbPath });
  const registry = nodeRegistry(env);
  const engine = createEngine({
    store,
    registry,
    models: createModelProvider({ env }),
    env,
    fallbackModel: resolveDefaultModel({}),
    isOwnerAlive,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    engine,
    store,
    registry,
    dbPath,
    async close() {
      await engine.close();
      await store.close();
    },
  };
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
