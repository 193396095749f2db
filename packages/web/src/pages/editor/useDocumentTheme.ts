import { useEffect, useState } from 'react';

function current(): 'light' | 'dark' {
  const set = document.documentElement.dataset['theme'];
  if (set === 'dark' || set === 'light') return set;
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme the shell applied to <html data-theme>, following its changes (for React Flow's colours). */
export function useDocumentTheme(): 'light' | 'dark' {
  const [theme, setTheme] = useState(current);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(current()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
