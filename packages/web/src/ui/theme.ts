import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';
const KEY = 'weft.theme';

function initialTheme(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // No storage: follow the system.
  }
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The theme, from the saved choice or the system's, applied to <html data-theme>. */
export function useTheme(): [Theme, (theme: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return [
    theme,
    (next) => {
      setTheme(next);
      try {
        localStorage.setItem(KEY, next);
      } catch {
        // Not saved: lasts for this page.
      }
    },
  ];
}
