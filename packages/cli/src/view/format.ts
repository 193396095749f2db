import { styleText } from 'node:util';
import type { Usage } from '@weft/engine';

type Style = Parameters<typeof styleText>[0];

/** Colours text when the stream is a terminal that wants colour. */
export function paint(enabled: boolean, style: Style, text: string): string {
  return enabled ? styleText(style, text, { validateStream: false }) : text;
}

/** 1234 → "1.2s", 65000 → "1m05s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m}m${String(s).padStart(2, '0')}s`;
}

/** "1,234 tokens · $0.0021" (cost only when known). */
export function formatUsage(usage: Usage | undefined): string {
  if (!usage || usage.totalTokens === 0) return '';
  const tokens = `${usage.totalTokens.toLocaleString('en-US')} tokens`;
  return usage.costUsd === undefined ? tokens : `${tokens} · $${usage.costUsd.toFixed(4)}`;
}

/** One line, at most `max` characters. */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, Math.max(0, max - 1))}…` : flat;
}

export const STATUS_ICON: Record<string, string> = {
  pending: '·',
  running: '▶',
  waiting: '⏸',
  succeeded: '✔',
  failed: '✖',
  skipped: '↷',
  cancelled: '■',
  retrying: '↻',
};

export const STATUS_STYLE: Record<string, Style> = {
  pending: 'gray',
  running: 'cyan',
  waiting: 'yellow',
  succeeded: 'green',
  failed: 'red',
  skipped: 'gray',
  cancelled: 'yellow',
  retrying: 'yellow',
};
