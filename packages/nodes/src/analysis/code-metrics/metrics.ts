// Per-function metrics from a tree-sitter syntax tree: cyclomatic complexity, nesting, magic numbers.
import type { Node } from 'web-tree-sitter';
import type { SourceLanguage } from './parser.ts';

export interface MagicNumber {
  value: number;
  line: number;
}

export interface FunctionMetrics {
  name: string;
  file: string;
  startLine: number;
  endLine: number;
  lines: number;
  parameters: string[];
  complexity: number;
  maxNesting: number;
  magicNumbers: MagicNumber[];
}

export interface SyntaxIssue {
  line: number;
  column: number;
  message: string;
}

export interface TreeMetrics {
  functions: FunctionMetrics[];
  /** Magic numbers outside any function. */
  topLevelMagicNumbers: MagicNumber[];
  syntaxErrors: SyntaxIssue[];
}

/** Node types per language family: what opens a function, what adds a path, what nests. */
interface Rules {
  functions: ReadonlySet<string>;
  decisions: ReadonlySet<string>;
  nesting: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  defaults: ReadonlySet<string>;
  classes: ReadonlySet<string>;
}

const JS: Rules = {
  functions: new Set([
    'function_declaration',
    'function_expression',
    'function',
    'generator_function_declaration',
    'generator_function',
    'arrow_function',
    'method_definition',
  ]),
  decisions: new Set([
    'if_statement',
    'for_statement',
    'for_in_statement',
    'while_statement',
    'do_statement',
    'switch_case',
    'catch_clause',
    'ternary_expression',
  ]),
  nesting: new Set([
    'if_statement',
    'for_statement',
    'for_in_statement',
    'while_statement',
    'do_statement',
    'switch_statement',
    'try_statement',
  ]),
  numbers: new Set(['number']),
  defaults: new Set(['assignment_pattern', 'optional_parameter', 'required_parameter', 'enum_body', 'literal_type']),
  classes: new Set(['class_declaration', 'class', 'abstract_class_declaration']),
};

const PY: Rules = {
  functions: new Set(['function_definition']),
  decisions: new Set([
    'if_statement',
    'elif_clause',
    'for_statement',
    'while_statement',
    'except_clause',
    'conditional_expression',
    'boolean_operator',
    'if_clause',
    'case_clause',
  ]),
  nesting: new Set(['if_statement', 'for_statement', 'while_statement', 'try_statement', 'with_statement', 'match_statement']),
  numbers: new Set(['integer', 'float']),
  defaults: new Set(['default_parameter', 'typed_default_parameter']),
  classes: new Set(['class_definition']),
};

const ALLOWED_NUMBERS = new Set([-1, 0, 1, 2]);

interface Frame {
  fn: FunctionMetrics | undefined;
  depth: number;
  /** Inside a const declaration or a parameter default: numbers here are named, not magic. */
  named: boolean;
  className: string | undefined;
}

/** Measures every function in `root` (a whole file). Lines are 1-based. */
export function measureTree(root: Node, file: string, language: SourceLanguage): TreeMetrics {
  const rules = language === 'python' ? PY : JS;
  const out: TreeMetrics = { functions: [], topLevelMagicNumbers: [], syntaxErrors: [] };
  const visit = (node: Node, frame: Frame): void => {
    if (node.isError || node.isMissing) {
      out.syntaxErrors.push({
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        message: node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.slice(0, 40))}`,
      });
    }
    let next = frame;
    const type = node.type;
    if (node.isNamed && rules.functions.has(type)) {
      const fn: FunctionMetrics = {
        name: functionName(node, frame.className),
        file,
        startLine: node.startPosition.row + 1,
        endLine: node.endPosition.row + 1,
        lines: node.endPosition.row - node.startPosition.row + 1,
        parameters: parameterNames(node),
        complexity: 1,
        maxNesting: 0,
        magicNumbers: [],
      };
      out.functions.push(fn);
      next = { fn, depth: 0, named: false, className: undefined };
    } else if (node.isNamed && rules.classes.has(type)) {
      next = { ...frame, className: node.childForFieldName('name')?.text };
    } else {
      const fn = frame.fn;
      if (fn && isDecision(node, rules)) fn.complexity += 1;
      if (rules.nesting.has(type) && !isElseIf(node)) {
        next = { ...frame, depth: frame.depth + 1 };
        if (fn) fn.maxNesting = Math.max(fn.maxNesting, next.depth);
      }
      if (!frame.named && isNamingContext(node, rules)) next = { ...next, named: true };
      if (rules.numbers.has(type) && !next.named) {
        const value = numberValue(node);
        if (value !== undefined && !ALLOWED_NUMBERS.has(value)) {
          (fn ? fn.magicNumbers : out.topLevelMagicNumbers).push({ value, line: node.startPosition.row + 1 });
        }
      }
    }
    for (const child of node.children) visit(child, next);
  };
  visit(root, { fn: undefined, depth: 0, named: false, className: undefined });
  return out;
}

function isDecision(node: Node, rules: Rules): boolean {
  if (rules.decisions.has(node.type)) return true;
  if (node.type !== 'binary_expression') return false;
  const op = node.childForFieldName('operator')?.type;
  return op === '&&' || op === '||';
}

/** `else if` continues a chain: it adds a path but no nesting level. */
function isElseIf(node: Node): boolean {
  return node.type === 'if_statement' && node.parent?.type === 'else_clause';
}

function isNamingContext(node: Node, rules: Rules): boolean {
  if (rules.defaults.has(node.type)) return true;
  // JS/TS: `const X = 42`.
  if (node.type === 'lexical_declaration') return node.firstChild?.type === 'const';
  // Python has no const: an ALL_CAPS assignment is the convention for one.
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    return left?.type === 'identifier' && /^[A-Z][A-Z0-9_]*$/.test(left.text);
  }
  return false;
}

function numberValue(node: Node): number | undefined {
  const text = node.text.replace(/_/g, '').replace(/[njJlL]$/, '');
  const value = /^0[oO]/.test(text) ? parseInt(text.slice(2), 8) : Number(text);
  if (!Number.isFinite(value)) return undefined;
  const parent = node.parent;
  const negated = (parent?.type === 'unary_expression' || parent?.type === 'unary_operator') && parent.firstChild?.type === '-';
  return negated ? -value : value;
}

function functionName(node: Node, className: string | undefined): string {
  const own = node.childForFieldName('name')?.text;
  const parent = node.parent;
  let name = own;
  if (!name && parent) {
    if (parent.type === 'variable_declarator') name = parent.childForFieldName('name')?.text;
    else if (parent.type === 'pair') name = parent.childForFieldName('key')?.text;
    else if (parent.type === 'assignment_expression') name = parent.childForFieldName('left')?.text;
    else if (parent.type === 'public_field_definition' || parent.type === 'field_definition') {
      name = (parent.childForFieldName('name') ?? parent.childForFieldName('property'))?.text;
    }
  }
  name ??= '<anonymous>';
  return className && own ? `${className}.${name}` : name;
}

function parameterNames(node: Node): string[] {
  const single = node.childForFieldName('parameter');
  if (single) return [single.text];
  const list = node.childForFieldName('parameters');
  if (!list) return [];
  return list.namedChildren
    .filter((p) => p.type !== 'comment')
    .map((p) => {
      const inner = p.childForFieldName('pattern') ?? p.childForFieldName('left') ?? p.childForFieldName('name');
      const named = inner ?? (p.type === 'typed_parameter' ? p.namedChildren[0] : null) ?? p;
      return named.text;
    });
}
