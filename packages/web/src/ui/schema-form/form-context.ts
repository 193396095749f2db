import type { TemplateCompletions } from './completions.ts';
import type { JsonSchema } from './json-schema.ts';

/** What every field of one form shares. */
export interface FormContext {
  idPrefix: string;
  completions: TemplateCompletions;
  /** Messages keyed by param path (`prompt`, `auth.credential`, `args[0]`). */
  problems: Record<string, string>;
  /** `provider:model` ids already used in the workflow, offered first by model pickers. */
  models: string[];
  /** The whole params schema, for `$ref`s. */
  root: JsonSchema;
}

/** A DOM id for the field at `path`, unique within the form's `idPrefix`. */
export function fieldId(idPrefix: string, path: string): string {
  return `${idPrefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '')}`;
}

/** Whether `key` is `path` itself or, when `below`, a path inside it (`headers.x`, `args[2]`). */
export function covers(key: string, path: string, below: boolean): boolean {
  if (key === path) return true;
  return below && (key.startsWith(`${path}.`) || key.startsWith(`${path}[`));
}

/** The problem messages to show under the field at `path`. */
export function problemsAt(problems: Record<string, string>, path: string, below: boolean): string[] {
  return Object.entries(problems)
    .filter(([key]) => covers(key, path, below))
    .map(([key, message]) => (key === path ? message : `${key.slice(path.length).replace(/^\./, '')}: ${message}`));
}

/** A string written as a template (`{{ … }}`), which the server checks only once rendered. */
export function isTemplate(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/** How a schema default reads as a placeholder. */
export function defaultText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
