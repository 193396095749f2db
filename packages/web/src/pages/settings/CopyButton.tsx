import { useEffect, useState } from 'react';

/**
 * Copies text to the clipboard and says so. Falls back to a hidden textarea and `execCommand` where the
 * Clipboard API is missing (a plain-http server on the LAN is not a secure context).
 */
export function CopyButton({ text, label = 'Copy', what }: { text: string; label?: string; what: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <>
      <button type="button" className="small" aria-label={`${label} ${what}`} onClick={() => copy(text).then((ok) => setState(ok ? 'copied' : 'failed'))}>
        {state === 'copied' ? 'Copied ✓' : label}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${what} copied` : state === 'failed' ? `Could not copy the ${what}: select it and copy by hand` : ''}
      </span>
    </>
  );
}

async function copy(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied: try the old way.
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
