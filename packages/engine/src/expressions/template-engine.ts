// Renders `{{ … }}` templates inside any JSON value. Plain paths are read directly from the
// scope; every other expression is evaluated in the QuickJS sandbox. Only the value given to
// `render` is a template: what expressions return is data and is never rendered again.
import type { Expression } from 'acorn';
import { ExpressionError, SandboxLimitError } from '../errors.ts';
import type { Json } from '../json.ts';
import type { ExpressionScope } from '../nodes/define-node.ts';
import { createSandbox, type Sandbox } from '../sandbox/sandbox.ts';
import { describeOffset, parseExpression } from './expression-syntax.ts';
import { toJsonValue, toTemplateText } from './json-value.ts';
import { fastPlanOf, resolveFastPlan, type FastPlan } from './plain-path.ts';
import {
  hasTemplateSyntax,
  parseTemplate,
  quoteExpression,
  type TemplateSegment,
} from './template-parser.ts';
import { joinPath } from './value-path.ts';

const TEMPLATE_CACHE_LIMIT = 1000;

/** Options of {@link createTemplateEngine}. */
export interface TemplateEngineOptions {
  /** Sandbox for expressions that are not plain paths; default: one created on first need and closed by `close()`. */
  sandbox?: Sandbox;
  /** Time limit per expression when the engine creates its own sandbox (default 1000 ms). */
  timeoutMs?: number;
  /** Memory limit per expression when the engine creates its own sandbox (default 32 MiB). */
  memoryLimitBytes?: number;
}

/** Options of {@link TemplateEngine.render}. */
export interface RenderOptions {
  /** Where `value` sits, for error messages, e.g. `nodes[2].params`. */
  path?: string;
}

/** Renders templates with a scope. */
export interface TemplateEngine {
  /**
   * Renders every string in `value` (objects and arrays deeply). A string that is exactly one
   * `{{ expr }}` becomes the expression's value (object, number…); mixed text interpolates
   * (objects as JSON, null as empty).
   */
  render(value: unknown, scope: ExpressionScope, options?: RenderOptions): Promise<Json>;
  /** Evaluates one expression (no braces). */
  evaluate(expression: string, scope: ExpressionScope): Promise<Json>;
  /** Closes the sandbox if the engine created it. */
  close(): Promise<void>;
}

/**
 * Creates a template engine.
 * @example await createTemplateEngine().render({ q: 'About {{ input.topic }}' }, scope) // { q: 'About tides' }
 */
export function createTemplateEngine(options: TemplateEngineOptions = {}): TemplateEngine {
  return new TemplateRenderer(options);
}

class TemplateRenderer implements TemplateEngine {
  readonly #options: TemplateEngineOptions;
  readonly #templates = new Map<string, TemplateSegment[]>();
  readonly #plans = new WeakMap<object, FastPlan | null>();
  #ownSandbox: Sandbox | undefined;

  constructor(options: TemplateEngineOptions) {
    this.#options = options;
  }

  async render(value: unknown, scope: ExpressionScope, options: RenderOptions = {}): Promise<Json> {
    return this.#render(value, scope, options.path ?? '');
  }

  async evaluate(expression: string, scope: ExpressionScope): Promise<Json> {
    return this.#evaluate(expression, scope, '');
  }

  async close(): Promise<void> {
    const own = this.#ownSandbox;
    this.#ownSandbox = undefined;
    await own?.close();
  }

  async #render(value: unknown, scope: ExpressionScope, path: string): Promise<Json> {
    if (typeof value === 'string') return this.#renderString(value, scope, path);
    if (Array.isArray(value))
      return Promise.all(value.map((item, index) => this.#render(item, scope, joinPath(path, index))));
    if (isPlainObject(value)) {
      const entries = await Promise.all(
        Object.entries(value).map(
          async ([key, child]) => [key, await this.#render(child, scope, joinPath(path, key))] as const,
        ),
      );
      // fromEntries defines own properties, so a "__proto__" key stays a key.
      return Object.fromEntries(entries);
    }
    return toJsonValue(value);
  }

  async #renderString(text: string, scope: ExpressionScope, path: string): Promise<Json> {
    if (!hasTemplateSyntax(text)) return text;
    const segments = this.#parse(text, path);
    const only = segments.length === 1 ? segments[0] : undefined;
    if (only?.type === 'expression') return this.#evaluate(only.source, scope, path);
    const parts = await Promise.all(
      segments.map(async (segment) =>
        segment.type === 'text'
          ? segment.text
          : toTemplateText(await this.#evaluate(segment.source, scope, path)),
      ),
    );
    return parts.join('');
  }

  #parse(text: string, path: string): TemplateSegment[] {
    const cached = this.#templates.get(text);
    if (cached) return cached;
    let segments: TemplateSegment[];
    try {
      segments = parseTemplate(text);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      throw new ExpressionError(path ? `${path}: ${error.message}` : error.message, {
        cause: error,
        details: error.details,
      });
    }
    if (this.#templates.size >= TEMPLATE_CACHE_LIMIT) this.#templates.clear();
    this.#templates.set(text, segments);
    return segments;
  }

  async #evaluate(source: string, scope: ExpressionScope, path: string): Promise<Json> {
    const where = `Expression ${quoteExpression(source)}${path ? ` at ${path}` : ''}`;
    const syntax = parseExpression(source);
    if (!syntax.ok) {
      throw new ExpressionError(
        `${where} is not valid JavaScript: ${syntax.message} (${describeOffset(source, syntax.offset)})`,
        {
          details: { expression: source, path },
        },
      );
    }
    const plan = this.#planOf(syntax.ast);
    if (plan) {
      const read = resolveFastPlan(plan, scope);
      if (read.found) return toJsonValue(read.value);
    }
    try {
      return await this.#sandbox().evaluate(source, scope);
    } catch (error) {
      throw explain(error, where, source, path);
    }
  }

  #planOf(ast: Expression): FastPlan | undefined {
    let plan = this.#plans.get(ast);
    if (plan === undefined) {
      plan = fastPlanOf(ast) ?? null;
      this.#plans.set(ast, plan);
    }
    return plan ?? undefined;
  }

  #sandbox(): Sandbox {
    if (this.#options.sandbox) return this.#options.sandbox;
    this.#ownSandbox ??= createSandbox({
      timeoutMs: this.#options.timeoutMs,
      memoryLimitBytes: this.#options.memoryLimitBytes,
    });
    return this.#ownSandbox;
  }
}

/** Plain data (not a Date or class instance, which render by JSON rules like everything else). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Says which expression failed, where, and why. */
function explain(error: unknown, where: string, expression: string, path: string): unknown {
  if (error instanceof SandboxLimitError)
    return new SandboxLimitError(`${where} ${error.message.replace(/^Expression /, '')}`);
  if (error instanceof ExpressionError) {
    return new ExpressionError(`${where} failed: ${error.message}`, {
      cause: error,
      details: { expression, path },
    });
  }
  return error;
}
