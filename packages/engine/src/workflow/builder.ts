import { InvalidWorkflowError } from '../errors.ts';
import { formatPath } from './problem-path.ts';
import type { z } from 'zod';
import type { nodeSchema } from './schema.ts';
import {
  workflowSchema,
  type WorkflowDefinition,
  type WorkflowEdge,
  type WorkflowInput,
} from './schema.ts';

type NodeOptions = Partial<Omit<z.input<typeof nodeSchema>, 'id' | 'type' | 'params'>>;

/**
 * Builds the same workflow object a YAML file describes.
 *
 * @example
 * const wf = workflow('explain')
 *   .node('explain', 'llm', { prompt: 'Explain {{ input }} in one sentence.' })
 *   .node('shout', 'transform', { value: '{{ steps.explain.output.toUpperCase() }}' })
 *   .chain('explain', 'shout')
 *   .build();
 */
export class WorkflowBuilder {
  readonly #definition: WorkflowInput;
  readonly #nodes: WorkflowInput['nodes'] = [];
  readonly #edges: WorkflowEdge[] = [];

  constructor(name: string, options: Partial<Omit<WorkflowInput, 'name' | 'nodes' | 'edges'>> = {}) {
    this.#definition = { ...options, name, nodes: this.#nodes };
  }

  /** Adds a node. */
  node(id: string, type: string, params: Record<string, unknown> = {}, options: NodeOptions = {}): this {
    this.#nodes.push({ id, type, params, ...options });
    return this;
  }

  /** Adds an edge, optionally from a named output port. */
  edge(from: string, to: string, port?: string): this {
    this.#edges.push(port === undefined ? { from, to } : { from, to, port });
    return this;
  }

  /** Connects the given nodes one after another. */
  chain(...ids: string[]): this {
    for (let i = 1; i < ids.length; i++) this.edge(ids[i - 1] as string, ids[i] as string);
    return this;
  }

  /** The workflow definition, with defaults filled in; throws InvalidWorkflowError on a schema problem. */
  build(): WorkflowDefinition {
    const result = workflowSchema.safeParse({ ...this.#definition, edges: this.#edges });
    if (!result.success) {
      throw new InvalidWorkflowError(
        result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
        `workflow '${this.#definition.name}'`,
      );
    }
    return result.data;
  }
}

/** Starts a workflow builder. */
export function workflow(
  name: string,
  options: Partial<Omit<WorkflowInput, 'name' | 'nodes' | 'edges'>> = {},
): WorkflowBuilder {
  return new WorkflowBuilder(name, options);
}
