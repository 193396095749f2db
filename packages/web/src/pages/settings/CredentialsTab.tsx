import { apiRoutes, type RouteResponse } from '@weft/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { Modal } from '../../ui/Modal.tsx';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toasts.tsx';
import { ConfirmDialog } from '../workflows/ConfirmDialog.tsx';
import { isConflict } from '../workflows/createWorkflow.ts';
import { FormError } from './FormError.tsx';

type Credential = RouteResponse<typeof apiRoutes.listCredentials>['credentials'][number];

const TYPES = ['secret', 'api_key', 'bearer', 'header'] as const;

/**
 * Credentials: names and times only. A value goes to the server once (encrypted there) and is never
 * shown again, not even here: the form forgets it as soon as it is saved.
 */
export function CredentialsTab() {
  const list = useQuery({
    queryKey: keys.credentials,
    queryFn: ({ signal }) => call(apiRoutes.listCredentials, { signal }),
    select: (data) => data.credentials,
  });
  const [replacing, setReplacing] = useState<Credential | undefined>(undefined);
  const [deleting, setDeleting] = useState<Credential | undefined>(undefined);
  const client = useQueryClient();
  const toast = useToast();

  return (
    <div className="settings-section">
      <p className="muted section-intro">
        Secrets that nodes and webhook triggers use by name (<code>credential: my-api</code>). Values are encrypted on the
        server and <strong>never shown again</strong> once saved — you can only replace or delete them.
      </p>
      <AddCredentialForm />
      {list.isPending ? (
        <Loading label="Loading credentials…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No credentials yet">
          <p>Add an API key or a webhook secret above; workflows then refer to it by its name.</p>
        </EmptyState>
      ) : (
        <table className="table stack-table" aria-label="Credentials">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Created</th>
              <th scope="col">Updated</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.name} data-testid="credential-row">
                <td className="mono strong-cell">{c.name}</td>
                <td data-label="Type">{c.type}</td>
                <td data-label="Created" title={dateTime(c.createdAt)}>
                  {timeAgo(c.createdAt)}
                </td>
                <td data-label="Updated" title={dateTime(c.updatedAt)}>
                  {timeAgo(c.updatedAt)}
                </td>
                <td className="actions-cell">
                  <button type="button" className="small" aria-label={`Replace the value of ${c.name}`} onClick={() => setReplacing(c)}>
                    Replace value
                  </button>
                  <button type="button" className="small danger" aria-label={`Delete ${c.name}`} onClick={() => setDeleting(c)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {replacing && <ReplaceDialog credential={replacing} onClose={() => setReplacing(undefined)} />}
      {deleting && (
        <ConfirmDialog
          title={`Delete the credential “${deleting.name}”?`}
          confirmLabel="Delete credential"
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await call(apiRoutes.deleteCredential, { params: { name: deleting.name } });
            await client.invalidateQueries({ queryKey: keys.credentials });
            toast(`Deleted ${deleting.name}`, 'success');
          }}
        >
          <p>Workflows and webhooks that use it will fail until a credential with this name exists again.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function AddCredentialForm() {
  const [name, setName] = useState('');
  const [type, setType] = useState<string>('secret');
  const [value, setValue] = useState('');
  const client = useQueryClient();
  const toast = useToast();
  const ids = { name: useId(), type: useId(), value: useId(), help: useId() };
  const save = useMutation({
    mutationFn: (body: { name: string; type: string; value: string }) => call(apiRoutes.createCredential, { body }),
    onSuccess: async ({ credential }) => {
      // Forget the value at once: it lives only on the server from now on.
      setValue('');
      setName('');
      await client.invalidateQueries({ queryKey: keys.credentials });
      toast(`Saved ${credential.name}. Its value is encrypted and will not be shown again.`, 'success');
    },
  });
  return (
    <form
      className="card inline-form"
      aria-label="Add credential"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ name: name.trim(), type, value });
      }}
    >
      <h2>Add credential</h2>
      <div className="form-row">
        <label className="field" htmlFor={ids.name}>
          <span className="field-label">Name</span>
          <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder="openai-key" autoComplete="off" spellCheck={false} required />
        </label>
        <label className="field narrow-field" htmlFor={ids.type}>
          <span className="field-label">Type</span>
          <select id={ids.type} value={type} onChange={(e) => setType(e.target.value)}>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={ids.value}>
          <span className="field-label">Value</span>
          <input id={ids.value} type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" aria-describedby={ids.help} required />
        </label>
        <button type="submit" className="primary" disabled={save.isPending || !name.trim() || !value}>
          {save.isPending ? 'Saving…' : 'Add credential'}
        </button>
      </div>
      <p className="field-help" id={ids.help}>
        The value is sent once over this connection, stored encrypted, and never returned, logged or shown again.
      </p>
      {save.isError && (
        <FormError
          error={save.error}
          conflict={isConflict(save.error) ? `A credential named “${name.trim()}” exists: use “Replace value” in the list to change it.` : undefined}
        />
      )}
    </form>
  );
}

function ReplaceDialog({ credential, onClose }: { credential: Credential; onClose: () => void }) {
  const [value, setValue] = useState('');
  const client = useQueryClient();
  const toast = useToast();
  const id = useId();
  const save = useMutation({
    mutationFn: () => call(apiRoutes.putCredential, { params: { name: credential.name }, body: { type: credential.type, value } }),
    onSuccess: async () => {
      setValue('');
      await client.invalidateQueries({ queryKey: keys.credentials });
      toast(`Replaced the value of ${credential.name}`, 'success');
      onClose();
    },
  });
  return (
    <Modal title={`Replace the value of “${credential.name}”`} open onClose={onClose}>
      <form
        className="dialog-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="muted">The current value cannot be shown. The new one takes effect for the next runs.</p>
        <label className="field" htmlFor={id}>
          <span className="field-label">New value</span>
          <input id={id} type="password" value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" required autoFocus />
        </label>
        {save.isError && <FormError error={save.error} />}
        <div className="modal-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!value || save.isPending}>
            {save.isPending ? 'Saving…' : 'Replace value'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
