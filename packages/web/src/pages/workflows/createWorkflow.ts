import { apiRoutes, type RouteResponse } from '@weft/api';
import { isMap, isSeq, parseDocument } from 'yaml';
import { call } from '../../api/client.ts';
import { ApiError } from '../../api/errors.ts';

/** A workflow definition as text, YAML or JSON, as it will be sent. */
export interface DefinitionText {
  text: string;
  type: 'application/yaml' | 'application/json';
}

export type CreatedWorkflow = RouteResponse<typeof apiRoutes.createWorkflow>;

/** YAML unless the text is plainly a JSON object (or the file said .json). */
export function definitionText(text: string, fileName?: string): DefinitionText {
  const json = fileName ? /\.json$/i.test(fileName) : text.trimStart().startsWith('{');
  return { text, type: json ? 'application/json' : 'application/yaml' };
}

export function createWorkflow(definition: DefinitionText): Promise<CreatedWorkflow> {
  return call(apiRoutes.createWorkflow, { raw: definition });
}

/** The id and name a definition declares (the server slugs the name when there is no id). */
export function identityOf(definition: DefinitionText): { id: string; name: string } {
  const data = (definition.type === 'application/json' ? JSON.parse(definition.text) : parseDocument(definition.text).toJS()) as {
    id?: unknown;
    name?: unknown;
  } | null;
  const name = typeof data?.name === 'string' ? data.name : 'Workflow';
  const id = typeof data?.id === 'string' ? data.id : slug(name);
  return { id, name };
}

/**
 * The same definition with another id and name, and its webhook paths suffixed (two workflows cannot
 * share a path, so a copy must not take the original's). YAML keeps its comments and layout.
 */
export function withIdentity(definition: DefinitionText, { id, name, pathSuffix }: Identity): DefinitionText {
  if (definition.type === 'application/json') {
    const data = JSON.parse(definition.text) as Record<string, unknown>;
    const triggers = Array.isArray(data['triggers'])
      ? data['triggers'].map((t: unknown) => {
          const trigger = t as { type?: unknown; path?: unknown };
          return trigger.type === 'webhook' && typeof trigger.path === 'string' ? { ...trigger, path: trigger.path + pathSuffix } : t;
        })
      : data['triggers'];
    return { type: definition.type, text: JSON.stringify({ ...data, id, name, ...(triggers ? { triggers } : {}) }, null, 2) };
  }
  const doc = parseDocument(definition.text);
  doc.set('id', id);
  doc.set('name', name);
  const triggers = doc.get('triggers');
  if (isSeq(triggers)) {
    for (const trigger of triggers.items) {
      const path = isMap(trigger) && trigger.get('type') === 'webhook' ? trigger.get('path') : undefined;
      if (isMap(trigger) && typeof path === 'string') trigger.set('path', path + pathSuffix);
    }
  }
  return { type: definition.type, text: doc.toString() };
}

/** A workflow id made from a name: must start with a letter or _ and hold letters, digits, _ and -. */
function slug(name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80);
  return /^[a-z_]/.test(base) ? base : `w-${base || 'workflow'}`;
}

export interface Identity {
  id: string;
  name: string;
  /** Appended to each webhook path. */
  pathSuffix: string;
}

/** Ids and names to try in turn when the first is taken. */
export type Variant = (attempt: number) => Identity;

/** `chat-assistant-2` / "Chat assistant 2", then 3, 4… */
export const numbered = (base: { id: string; name: string }): Variant => (attempt) => ({
  id: `${base.id}-${attempt + 1}`,
  name: `${base.name} ${attempt + 1}`,
  pathSuffix: `-${attempt + 1}`,
});

/** `triage-copy` / "Triage (copy)", then `triage-copy-2`… */
export const copyOf = (base: { id: string; name: string }): Variant => (attempt) => {
  const suffix = attempt <= 1 ? '-copy' : `-copy-${attempt}`;
  return { id: base.id + suffix, name: `${base.name} (copy)`, pathSuffix: suffix };
};

const MAX_ATTEMPTS = 50;

/**
 * Creates a workflow, choosing another id (and webhook paths) while the server answers 409: the id
 * or a webhook path is taken. With `asIs`, the definition is first tried unchanged.
 */
export async function createWithFreeId(definition: DefinitionText, variant: Variant, { asIs }: { asIs: boolean }): Promise<CreatedWorkflow> {
  if (asIs) {
    try {
      return await createWorkflow(definition);
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await createWorkflow(withIdentity(definition, variant(attempt)));
    } catch (error) {
      if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}
