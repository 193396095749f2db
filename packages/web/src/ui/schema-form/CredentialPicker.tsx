import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@weft/api';
import { useState } from 'react';
import { Link } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';

const OTHER = '\u0000other';

/**
 * Picks a stored credential by name: a select of the names the server has, or any name typed (a credential
 * that will be added later, or when the list cannot be read). Values are never shown: the API has none.
 */
export function CredentialPicker(props: {
  id: string;
  value: string;
  onChange(next: string): void;
  label: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const { id, value, onChange, label } = props;
  const list = useQuery({
    queryKey: keys.credentials,
    queryFn: ({ signal }) => call(apiRoutes.listCredentials, { signal }),
    select: (data) => data.credentials.map((credential) => credential.name),
  });
  const names = list.data ?? [];
  const [typing, setTyping] = useState(false);
  const hintId = `${id}-hint`;
  const unknown = value !== '' && list.isSuccess && !names.includes(value);

  const hint = list.isPending ? (
    'Loading stored credentials…'
  ) : list.isError ? (
    'The credential list could not be loaded: type the name.'
  ) : names.length === 0 ? (
    <>
      No credentials stored yet: add one in <Link href="/settings">Settings → Credentials</Link>, then pick it here.
    </>
  ) : unknown ? (
    `No stored credential is named “${value}” yet: add it in Settings → Credentials before running.`
  ) : null;
  const describedBy = [props.describedBy, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined;

  const textInput = (inputId: string, name?: string) => (
    <input
      id={inputId}
      type="text"
      className="mono"
      value={value}
      aria-label={name}
      placeholder="credential name"
      spellCheck={false}
      autoComplete="off"
      aria-describedby={describedBy}
      aria-invalid={props.invalid || undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );

  return (
    <div className="sf-credential">
      {names.length > 0 ? (
        <>
          <select
            id={id}
            value={typing ? OTHER : value}
            aria-describedby={describedBy}
            aria-invalid={props.invalid || undefined}
            onChange={(event) => {
              const chosen = event.target.value;
              setTyping(chosen === OTHER);
              // Another name starts empty rather than editing the one picked.
              onChange(chosen === OTHER ? '' : chosen);
            }}
          >
            <option value="">— none —</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
            {unknown && !typing && <option value={value}>{value} (not stored)</option>}
            <option value={OTHER}>Another name…</option>
          </select>
          {typing && textInput(`${id}-name`, `${label}: credential name`)}
        </>
      ) : (
        textInput(id)
      )}
      {hint && (
        <div id={hintId} className="field-help">
          {hint}
        </div>
      )}
    </div>
  );
}
