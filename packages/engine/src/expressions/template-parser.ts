// Splits a string into literal text and `{{ … }}` expressions.
import { ExpressionError } from '../errors.ts';
import { describeOffset, isExpression } from './expression-syntax.ts';

/** A piece of a template: literal text, or the source of one `{{ … }}` expression. */
export type TemplateSegment =
  | { type: 'text'; text: string; start: number; end: number }
  | {
      type: 'expression';
      /** The text between the braces, as written (not trimmed). */
      source: string;
      /** Offset of the opening `{{`. */
      start: number;
      /** Offset just after the closing `}}`. */
      end: number;
      /** Offset of `source` in the template. */
      sourceStart: number;
    };

// A `}}` inside an expression (`{{ {a: {b: 1}} }}`, `{{ "}}" }}`) is allowed: the closing
// braces are the first `}}` after which the text parses as one expression. Trying more than
// this many candidates would make a hostile string cost quadratic time; past it, the first
// `}}` closes the expression and its syntax error is reported.
const MAX_CLOSING_CANDIDATES = 32;
/** Longest expression quoted in full in a message. */
const QUOTE_LIMIT = 60;

/** True when `text` has template delimiters and so needs {@link parseTemplate}. */
export function hasTemplateSyntax(text: string): boolean {
  return text.includes('{{');
}

/**
 * Splits `text` into literal and expression segments.
 * Throws ExpressionError naming the position of an unclosed `{{`; a `}}` outside an expression is text.
 * @example parseTemplate('Hi {{ input.name }}!') // text "Hi ", expression " input.name ", text "!"
 */
export function parseTemplate(text: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let position = 0;
  for (;;) {
    // Only `{{` opens an expression: a `}}` in plain text (JSON in a prompt, say) is just text.
    const open = text.indexOf('{{', position);
    if (open === -1) break;
    const sourceStart = open + 2;
    const close = findClosing(text, sourceStart);
    if (close === -1) {
      throw delimiterError(
        text,
        open,
        `Unclosed "{{" at ${describeOffset(text, open)}: add "}}" after the expression`,
      );
    }
    if (open > position)
      segments.push({ type: 'text', text: text.slice(position, open), start: position, end: open });
    segments.push({
      type: 'expression',
      source: text.slice(sourceStart, close),
      start: open,
      end: close + 2,
      sourceStart,
    });
    position = close + 2;
  }
  if (position < text.length || segments.length === 0) {
    segments.push({ type: 'text', text: text.slice(position), start: position, end: text.length });
  }
  return segments;
}

function findClosing(text: string, from: number): number {
  const first = text.indexOf('}}', from);
  let candidate = first;
  for (let tries = 0; candidate !== -1 && tries < MAX_CLOSING_CANDIDATES; tries++) {
    if (isExpression(text.slice(from, candidate))) return candidate;
    candidate = text.indexOf('}}', candidate + 1);
  }
  return first;
}

function delimiterError(text: string, offset: number, message: string): ExpressionError {
  return new ExpressionError(message, { details: { offset, location: describeOffset(text, offset) } });
}

/** `{{ source }}`, whitespace collapsed and shortened, for messages. */
export function quoteExpression(source: string): string {
  const flat = source.trim().replace(/\s+/g, ' ');
  return `{{ ${flat.length > QUOTE_LIMIT ? `${flat.slice(0, QUOTE_LIMIT)}…` : flat} }}`;
}
