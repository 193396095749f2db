import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setToken } from '../api/token.ts';

/** Asks for an API token and retries every query with it. */
export function TokenForm() {
  const [value, setValue] = useState('');
  const client = useQueryClient();
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(value.trim());
        void client.invalidateQueries();
      }}
    >
      <label className="visually-hidden" htmlFor="api-token">
        API token
      </label>
      <input id="api-token" type="password" autoComplete="off" placeholder="wft_…" value={value} onChange={(e) => setValue(e.target.value)} style={{ width: 260 }} />
      <button type="submit" className="primary" disabled={!value.trim()}>
        Use token
      </button>
    </form>
  );
}
