// A regular-expression matcher that runs in time linear in the text (a Pike VM over a compiled
// NFA, the approach of RE2), for patterns that come from workflow params. It supports the
// JavaScript syntax without backtracking-only features: literals, `.`, classes, `\d \w \s \b`,
// anchors, groups, alternation and every quantifier; backreferences and lookarounds are refused.

type CharTest = (c: string) => boolean;
type Ast =
  | { t: 'char'; test: CharTest }
  | { t: 'seq'; items: Ast[] }
  | { t: 'alt'; options: Ast[] }
  | { t: 'repeat'; node: Ast; min: number; max: number }
  | { t: 'assert'; kind: 'start' | 'end' | 'word' | 'notWord' };
type Op =
  | { op: 'char'; test: CharTest }
  | { op: 'split'; a: number; b: number }
  | { op: 'jmp'; to: number }
  | { op: 'assert'; kind: 'start' | 'end' | 'word' | 'notWord' }
  | { op: 'match' };

/** A pattern the matcher cannot take, with the reason. */
export class PatternError extends Error {}

const MAX_PROGRAM = 2_000;
const MAX_COUNT = 1_000;
const isWordChar: CharTest = (c) => /^[A-Za-z0-9_]$/.test(c);
const isDigit: CharTest = (c) => c >= '0' && c <= '9';
const isSpace: CharTest = (c) => /^\s$/u.test(c);
const isLineEnd: CharTest = (c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029';
const not = (test: CharTest): CharTest => (c) => !test(c);
const CLASS_ESCAPES: Record<string, CharTest> = { d: isDigit, D: not(isDigit), w: isWordChar, W: not(isWordChar), s: isSpace, S: not(isSpace) };
const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

function parse(pattern: string, ignoreCase: boolean): Ast {
  const src = Array.from(pattern);
  let i = 0;
  const fail = (message: string): never => {
    throw new PatternError(`${message} at character ${i + 1}`);
  };
  const literal = (ch: string): CharTest => {
    if (!ignoreCase) return (c) => c === ch;
    const lower = ch.toLowerCase();
    return (c) => c.toLowerCase() === lower;
  };
  const escapedChar = (): string => {
    const c = src[i++] ?? fail('pattern ends with \\');
    if (c in CONTROL) return CONTROL[c] as string;
    if (c === 'u' || c === 'x') {
      const braced = c === 'u' && src[i] === '{';
      const end = braced ? src.indexOf('}', i) : i + (c === 'u' ? 4 : 2);
      const hex = src.slice(braced ? i + 1 : i, end).join('');
      if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) fail(`bad \\${c} escape`);
      i = braced ? end + 1 : end;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    if (/[1-9]/.test(c) || c === 'k') fail('backreferences are not allowed');
    return c;
  };
  const classItem = (): CharTest => {
    if (src[i] === '\\' && (src[i + 1] ?? '') in CLASS_ESCAPES) {
      i += 2;
      return CLASS_ESCAPES[src[i - 1] as string] as CharTest;
    }
    const from = src[i] === '\\' ? (i++, src[i] === 'b' ? (i++, '\b') : escapedChar()) : (src[i++] as string);
    if (src[i] === '-' && src[i + 1] !== undefined && src[i + 1] !== ']') {
      i += 1;
      const to = src[i] === '\\' ? (i++, escapedChar()) : (src[i++] as string);
      const [lo, hi] = [from.codePointAt(0) ?? 0, to.codePointAt(0) ?? 0];
      if (lo > hi) fail('range out of order in character class');
      const inRange = (c: string) => (c.codePointAt(0) ?? -1) >= lo && (c.codePointAt(0) ?? -1) <= hi;
      return ignoreCase ? (c) => inRange(c) || inRange(c.toLowerCase()) || inRange(c.toUpperCase()) : inRange;
    }
    return literal(from);
  };
  const charClass = (): Ast => {
    const negated = src[i] === '^';
    if (negated) i += 1;
    const tests: CharTest[] = [];
    while (src[i] !== ']') {
      if (i >= src.length) fail('unclosed character class');
      tests.push(classItem());
    }
    i += 1;
    const any = (c: string) => tests.some((t) => t(c));
    return { t: 'char', test: negated ? not(any) : any };
  };
  const atom = (): Ast => {
    const c = src[i++] as string;
    if (c === '(') {
      if (src[i] === '?') {
        const kind = src.slice(i, i + 3).join('');
        if (kind.startsWith('?=') || kind.startsWith('?!') || kind === '?<=' || kind === '?<!') fail('lookaheads and lookbehinds are not allowed');
        if (src[i + 1] === ':') i += 2;
        else if (src[i + 1] === '<') {
          const close = src.indexOf('>', i);
          if (close < 0) fail('unclosed group name');
          i = close + 1;
        } else fail('unknown group syntax');
      }
      const inner = alternation();
      if (src[i] !== ')') fail('unclosed (');
      i += 1;
      return inner;
    }
    if (c === '[') return charClass();
    if (c === '.') return { t: 'char', test: not(isLineEnd) };
    if (c === '^') return { t: 'assert', kind: 'start' };
    if (c === '$') return { t: 'assert', kind: 'end' };
    if (c === '*' || c === '+' || c === '?') return fail('nothing to repeat');
    if (c === '\\') {
      const e = src[i];
      if (e === 'b' || e === 'B') return (i++, { t: 'assert', kind: e === 'b' ? 'word' : 'notWord' });
      if (e !== undefined && e in CLASS_ESCAPES) return (i++, { t: 'char', test: CLASS_ESCAPES[e] as CharTest });
      return { t: 'char', test: literal(escapedChar()) };
    }
    return { t: 'char', test: literal(c) };
  };
  const quantified = (): Ast => {
    const node = atom();
    const rest = src.slice(i, i + 16).join('');
    const counted = /^\{(\d+)(,(\d*))?\}/.exec(rest);
    let min: number;
    let max: number;
    if (src[i] === '*' || src[i] === '+' || src[i] === '?') {
      [min, max] = src[i] === '*' ? [0, Infinity] : src[i] === '+' ? [1, Infinity] : [0, 1];
      i += 1;
    } else if (counted) {
      min = Number(counted[1]);
      max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) fail(`repetition counts above ${MAX_COUNT} are not allowed`);
      if (min > max) fail('numbers out of order in {} quantifier');
      i += counted[0].length;
    } else return node;
    if (src[i] === '?') i += 1; // lazy: the same set of matches
    if (node.t === 'assert') fail('nothing to repeat');
    return { t: 'repeat', node, min, max };
  };
  const sequence = (): Ast => {
    const items: Ast[] = [];
    while (i < src.length && src[i] !== '|' && src[i] !== ')') items.push(quantified());
    return { t: 'seq', items };
  };
  function alternation(): Ast {
    const options = [sequence()];
    while (src[i] === '|') {
      i += 1;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Ast) : { t: 'alt', options };
  }
  const ast = alternation();
  if (i < src.length) fail('unmatched )');
  return ast;
}

function compile(ast: Ast): Op[] {
  const program: Op[] = [];
  const push = (op: Op) => {
    if (program.length >= MAX_PROGRAM) throw new PatternError('pattern too large once its repetitions are expanded');
    program.push(op);
    return program.length - 1;
  };
  const emit = (node: Ast): void => {
    if (node.t === 'char') push({ op: 'char', test: node.test });
    else if (node.t === 'assert') push({ op: 'assert', kind: node.kind });
    else if (node.t === 'seq') node.items.forEach(emit);
    else if (node.t === 'alt') {
      const jumps: number[] = [];
      node.options.forEach((option, k) => {
        if (k < node.options.length - 1) {
          const split = push({ op: 'split', a: program.length + 1, b: -1 });
          emit(option);
          jumps.push(push({ op: 'jmp', to: -1 }));
          (program[split] as { b: number }).b = program.length;
        } else emit(option);
      });
      for (const j of jumps) (program[j] as { to: number }).to = program.length;
    } else {
      for (let k = 0; k < node.min; k += 1) emit(node.node);
      if (node.max === Infinity) {
        const split = push({ op: 'split', a: program.length + 1, b: -1 });
        emit(node.node);
        push({ op: 'jmp', to: split });
        (program[split] as { b: number }).b = program.length;
      } else {
        const splits: number[] = [];
        for (let k = node.min; k < node.max; k += 1) {
          splits.push(push({ op: 'split', a: program.length + 1, b: -1 }));
          emit(node.node);
        }
        for (const s of splits) (program[s] as { b: number }).b = program.length;
      }
    }
  };
  emit(ast);
  push({ op: 'match' });
  return program;
}

/** A compiled pattern: `test` runs in O(text × pattern) time, never backtracking. */
export interface LinearRegex {
  test(text: string): boolean;
}

/** Compiles `pattern`; throws PatternError when it is not supported. */
export function compileLinearRegex(pattern: string, options: { ignoreCase?: boolean } = {}): LinearRegex {
  const program = compile(parse(pattern, options.ignoreCase ?? false));
  return {
    test(text) {
      const chars = Array.from(text);
      const seen = new Int32Array(program.length).fill(-1);
      let generation = 0;
      const add = (list: number[], pc: number, pos: number): boolean => {
        if (seen[pc] === generation) return false;
        seen[pc] = generation;
        const op = program[pc] as Op;
        switch (op.op) {
          case 'jmp':
            return add(list, op.to, pos);
          case 'split':
            return add(list, op.a, pos) || add(list, op.b, pos);
          case 'assert': {
            const before = pos > 0 && isWordChar(chars[pos - 1] as string);
            const after = pos < chars.length && isWordChar(chars[pos] as string);
            const holds = op.kind === 'start' ? pos === 0 : op.kind === 'end' ? pos === chars.length : (before !== after) === (op.kind === 'word');
            return holds && add(list, pc + 1, pos);
          }
          case 'match':
            return true;
          case 'char':
            list.push(pc);
            return false;
        }
      };
      let current: number[] = [];
      for (let pos = 0; pos <= chars.length; pos += 1) {
        if (add(current, 0, pos)) return true;
        if (pos === chars.length) break;
        const next: number[] = [];
        generation += 1;
        const c = chars[pos] as string;
        for (const pc of current) {
          const op = program[pc] as Extract<Op, { op: 'char' }>;
          if (op.test(c) && add(next, pc + 1, pos + 1)) return true;
        }
        current = next;
      }
      return false;
    },
  };
}
