// Pure text logic of the template field: where the `{{ … }}` expressions are, what to suggest at the caret,
// and what accepting a suggestion does to the text. No DOM here, so it is cheap to run on every keystroke.
import type { TemplateCompletions } from '../schema-form/completions.ts';

/** A piece of a field's text: literal, or one `{{ … }}` expression (an unclosed one runs to the end). */
export interface TextPiece {
  text: string;
  expression: boolean;
}

/** Splits text into literal and expression pieces for highlighting; the first `}}` closes an expression. */
export function splitTemplate(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let position = 0;
  while (position < text.length) {
    const open = text.indexOf('{{', position);
    if (open === -1) break;
    const close = text.indexOf('}}', open + 2);
    const end = close === -1 ? text.length : close + 2;
    if (open > position) pieces.push({ text: text.slice(position, open), expression: false });
    pieces.push({ text: text.slice(open, end), expression: true });
    position = end;
  }
  if (position < text.length) pieces.push({ text: text.slice(position), expression: false });
  return pieces;
}

/** The expression the caret is in: the partial path being typed before the caret and where it starts. */
export interface CompletionContext {
  /** Offset where the path being typed starts (what accepting a suggestion replaces, up to the caret). */
  from: number;
  /** The path typed so far, e.g. `steps.dr` (may be empty right after `{{`). */
  token: string;
}

/** The open expression around `caret`, or undefined when the caret is not inside `{{ … }}`. */
export function completionContext(text: string, caret: number): CompletionContext | undefined {
  const before = text.slice(0, caret);
  const open = before.lastIndexOf('{{');
  if (open === -1 || before.indexOf('}}', open + 2) !== -1) return undefined;
  const inside = before.slice(open + 2);
  const token = /[\w$.[\]"'-]*$/.exec(inside)?.[0] ?? '';
  return { from: caret - token.length, token };
}

/** One suggestion: the text it inserts and a short hint of what it is. */
export interface Suggestion {
  value: string;
  hint: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `steps.draft`, or `steps["fetch-data"]` for an id that is not a JavaScript identifier. */
export function stepPath(id: string): string {
  return IDENTIFIER.test(id) ? `steps.${id}` : `steps[${JSON.stringify(id)}]`;
}

function keyPath(root: string, key: string): string {
  return IDENTIFIER.test(key) ? `${root}.${key}` : `${root}[${JSON.stringify(key)}]`;
}

/** What to offer for the path typed so far: roots, then the keys below `input.`, `state.` or `steps.<id>.`. */
export function suggestionsFor(token: string, completions: TemplateCompletions): Suggestion[] {
  const steps = completions.stepIds.map((id) => ({ id, path: stepPath(id) }));
  const step = steps.find((s) => token.startsWith(`${s.path}.`));
  let candidates: Suggestion[];
  let typed = token;
  if (step) {
    candidates = [{ value: `${step.path}.output`, hint: `output of ${step.id}` }];
  } else if (token.startsWith('input.') || token.startsWith('input[')) {
    candidates = (completions.inputKeys ?? []).map((key) => ({ value: keyPath('input', key), hint: 'run input field' }));
  } else if (token.startsWith('state.') || token.startsWith('state[')) {
    candidates = (completions.stateKeys ?? []).map((key) => ({ value: keyPath('state', key), hint: 'shared state field' }));
  } else {
    candidates = [
      { value: 'input', hint: 'the run input' },
      ...steps.map((s) => ({ value: s.path, hint: 'a step' })),
      { value: 'state', hint: 'shared run state' },
    ];
    // `steps.` alone lists the steps; a bare word matches roots and step ids alike.
    if (token === 'steps.' || token === 'steps') typed = 'steps';
  }
  const needle = typed.toLowerCase();
  return candidates.filter((c) => c.value.toLowerCase().includes(needle) && c.value !== token);
}

/**
 * Replaces the typed path (from `context.from` to the caret) with `value`, puts a space after `{{` when
 * there is none, and closes the expression with ` }}` when no `}}` follows before the next `{{`.
 * Returns the new text and the caret, placed right after the inserted path.
 */
export function acceptSuggestion(
  text: string,
  caret: number,
  context: CompletionContext,
  value: string,
): { text: string; caret: number } {
  const head = text.slice(0, context.from);
  const tail = text.slice(caret);
  const lead = head.endsWith('{{') ? ' ' : '';
  const nextClose = tail.indexOf('}}');
  const nextOpen = tail.indexOf('{{');
  const closed = nextClose !== -1 && (nextOpen === -1 || nextClose < nextOpen);
  const close = closed ? '' : ' }}';
  const inserted = `${lead}${value}`;
  return { text: `${head}${inserted}${close}${tail}`, caret: head.length + inserted.length };
}
