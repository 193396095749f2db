import { apiRoutes, type RouteResponse } from '@weft/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { getToken, setToken } from '../../api/token.ts';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { ConfirmDialog } from '../workflows/ConfirmDialog.tsx';
import { CopyButton } from './CopyButton.tsx';
import { FormError } from './FormError.tsx';

type ApiToken = RouteResponse<typeof apiRoutes.listTokens>['tokens'][number];
type NewToken = { token: string; name: string; storedHere: boolean };

/** Whether this browser signs its requests with that token (tokens are listed by their first characters). */
function usedHere(token: ApiToken): boolean {
  return getToken()?.startsWith(token.prefix) === true;
}

/**
 * API tokens. Once one exists the server asks every request for one, so the first token made here is
 * also kept by this browser; a token is shown once, right after it is made.
 */
export function TokensTab() {
  const list = useQuery({
    queryKey: keys.tokens,
    queryFn: ({ signal }) => call(apiRoutes.listTokens, { signal }),
    select: (data) => data.tokens,
  });
  const [created, setCreated] = useState<NewToken | undefined>(undefined);
  const [deleting, setDeleting] = useState<ApiToken | undefined>(undefined);
  const client = useQueryClient();
  const toast = useToast();

  return (
    <div className="settings-section">
      <p className="muted section-intro">
        Tokens let scripts, the CLI and other browsers use this server’s API (<code>Authorization: Bearer &lt;token&gt;</code>).
        While no token exists the API is open; once one exists, every request needs one.
      </p>
      {created ? <CreatedToken created={created} onDone={() => setCreated(undefined)} /> : <CreateTokenForm onCreated={setCreated} />}
      {list.isPending ? (
        <Loading label="Loading tokens…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No API tokens">
          <p>The API is open to anyone who can reach this server. Create a token to require one.</p>
        </EmptyState>
      ) : (
        <table className="table stack-table" aria-label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((t) => (
              <tr key={t.id} data-testid="token-row">
                <td className="strong-cell">
                  {t.name}
                  {usedHere(t) && <span className="chip here-chip">this browser</span>}
                </td>
                <td data-label="Starts with" className="mono">
                  {t.prefix}…
                </td>
                <td data-label="Created" title={dateTime(t.createdAt)}>
                  {timeAgo(t.createdAt)}
                </td>
                <td data-label="Last used" title={dateTime(t.lastUsedAt)}>
                  {t.lastUsedAt ? timeAgo(t.lastUsedAt) : <span className="muted">never</span>}
                </td>
                <td className="actions-cell">
                  <button type="button" className="small danger" aria-label={`Delete token ${t.name}`} onClick={() => setDeleting(t)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete the token “${deleting.name}”?`}
          confirmLabel="Delete token"
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            const mine = usedHere(deleting);
            await call(apiRoutes.deleteToken, { params: { id: deleting.id } });
            if (mine) setToken(undefined);
            await client.invalidateQueries({ queryKey: keys.tokens });
            toast(`Deleted the token ${deleting.name}`, 'success');
          }}
        >
          <p>Whatever uses it stops working at once.</p>
          {usedHere(deleting) && (
            <p className="warning">
              <strong>This browser uses this token.</strong> After deleting it, this browser will need another token (if others
              exist).
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (created: NewToken) => void }) {
  const [name, setName] = useState('');
  const client = useQueryClient();
  const id = useId();
  const create = useMutation({
    mutationFn: (tokenName: string) => call(apiRoutes.createToken, { body: { name: tokenName } }),
    onSuccess: async ({ token, apiToken }) => {
      // Without a token of its own, this browser would be locked out by the one it just made.
      const storedHere = !getToken();
      if (storedHere) setToken(token);
      setName('');
      onCreated({ token, name: apiToken.name, storedHere });
      await client.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  return (
    <form
      className="card inline-form"
      aria-label="Create token"
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(name.trim());
      }}
    >
      <h2>Create a token</h2>
      <div className="form-row">
        <label className="field" htmlFor={id}>
          <span className="field-label">Name</span>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} placeholder="ci, laptop, zapier…" autoComplete="off" required />
        </label>
        <button type="submit" className="primary" disabled={!name.trim() || create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
      {create.isError && <FormError error={create.error} />}
    </form>
  );
}

/** The new token, the one time it can be seen. */
function CreatedToken({ created, onDone }: { created: NewToken; onDone: () => void }) {
  const id = useId();
  return (
    <section className="card new-token" aria-labelledby={id} data-testid="new-token">
      <h2 id={id}>Token “{created.name}” created</h2>
      <p className="warning">
        <strong>Copy it now: it is shown only this once.</strong> The server keeps only a hash of it.
      </p>
      <div className="copy-row">
        <code className="secret-text" data-testid="new-token-value">
          {created.token}
        </code>
        <CopyButton text={created.token} what="token" />
      </div>
      <p className="muted">
        {created.storedHere
          ? 'This browser now uses this token (kept in its local storage), because the server asks every request for a token from now on.'
          : 'This browser keeps using the token it already has.'}
      </p>
      <div>
        <button type="button" onClick={onDone}>
          Done, hide it
        </button>
      </div>
    </section>
  );
}
