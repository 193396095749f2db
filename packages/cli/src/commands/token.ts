import { NotFoundError } from '@weft/engine';
import { createApiToken } from '@weft/server';
import type { CommandLine } from '../args.ts';
import type { Weft } from '../compose.ts';
import type { CommandIO } from '../io.ts';
import { UsageError } from '../usage.ts';

/** `weft token create --name <n>`, `weft token list`, `weft token delete <id>`: API tokens of `weft serve`. */
export async function tokenCommand(weft: Weft, cli: CommandLine, io: CommandIO): Promise<number> {
  const [action, ...rest] = cli.positionals;
  if (action === 'create') {
    const name = cli.options.name?.trim();
    if (!name) throw new UsageError('usage: weft token create --name <name>');
    const { token, record } = await createApiToken(weft.store, name);
    if (cli.options.json) {
      io.stdout.write(`${JSON.stringify({ token, id: record.id, name: record.name, prefix: record.prefix, createdAt: record.createdAt })}\n`);
      return 0;
    }
    io.stdout.write(
      `Created API token '${record.name}' (id ${record.id}). It is shown only this once:\n\n  ${token}\n\n` +
        'Send it as `Authorization: Bearer <token>`. From now on the API needs a token.\n',
    );
    return 0;
  }
  if (action === 'list') {
    const tokens = (await weft.store.listTokens()).map(({ hash: _hash, ...token }) => token);
    if (cli.options.json) {
      io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      return 0;
    }
    if (tokens.length === 0) {
      io.stdout.write('No API tokens: the API is open. Create one with: weft token create --name <name>\n');
      return 0;
    }
    for (const t of tokens) {
      const used = t.lastUsedAt === undefined ? 'never used' : `last used ${new Date(t.lastUsedAt).toISOString()}`;
      io.stdout.write(`${t.id}  ${t.prefix}…  ${t.name}  created ${new Date(t.createdAt).toISOString()}  ${used}\n`);
    }
    return 0;
  }
  if (action === 'delete') {
    const id = rest[0];
    if (!id) throw new UsageError('usage: weft token delete <id>   (ids are in: weft token list)');
    if (!(await weft.store.deleteToken(id))) throw new NotFoundError(`API token '${id}' not found (list them with: weft token list)`);
    io.stdout.write(`Deleted API token ${id}.\n`);
    return 0;
  }
  throw new UsageError(`usage: weft token create --name <name> | weft token list | weft token delete <id>`);
}
