import { useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';

/**
 * A search box kept in the URL (`?q=`): returns what is typed and the settled search. Typing updates
 * the URL once it pauses for `delayMs` (replacing the entry, so Back does not replay keystrokes); a URL
 * changed from outside (a link, Back) updates the box.
 */
export function useUrlSearch(delayMs = 250): [typed: string, setTyped: (text: string) => void, search: string] {
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);

  useEffect(() => {
    const next = typed.trim();
    if (next === search) return;
    const timer = setTimeout(() => setParams((prev) => {
      const out = new URLSearchParams(prev);
      if (next) out.set('q', next);
      else out.delete('q');
      return out;
    }, { replace: true }), delayMs);
    return () => clearTimeout(timer);
  }, [typed, search, setParams, delayMs]);

  useEffect(() => {
    setTyped((current) => (current.trim() === search ? current : search));
  }, [search]);

  return [typed, setTyped, search];
}
