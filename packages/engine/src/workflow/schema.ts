import { z } from 'zod';

const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Retry policy of a node: how many attempts, how long to wait between them, which errors. */
export const retryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(100).default(1).describe('Attempts in all, the first included.'),
    initialDelayMs: z.number().int().min(0).default(1000),
    maxDelayMs: z.number().int().min(0).default(60_000),
    backoffMultiplier: z.number().min(1).default(2),
    /** Fraction (0–1) of each delay drawn at random, so retries of many runs spread out. */
    jitter: z.number().min(0).max(1).default(0.2),
    /** Error codes worth retrying; when absent every retryable error is retried. */
    retryOn: z.array(z.string()).optional(),
  })
  .strict();
export type RetryPolicy = z.output<typeof retryPolicySchema>;

/** A node of the graph. */
export const nodeSchema = z
  .object({
    id: z.string().regex(ID, 'must start with a letter or _ and hold only letters, digits, _ and -'),
    type: z.string().min(1),
    name: z.string().optional(),
    params: z.record(z.string(), z.unknown()).default({}),
    retry: retryPolicySchema.optional(),
    timeoutMs: z.number().int().positive().optional(),
    /** Makes this node a loop head: a cycle must pass through a node that has it. */
    maxIterations: z.number().int().positive().max(10_000).optional(),
    position: z.object({ x: z.number(), y: z.number() }).strict().optional(),
  })
  .strict();
export type WorkflowNode = z.output<typeof nodeSchema>;

/** A directed edge; `port` names the source's output port (if/switch branches, `error`). */
export const edgeSchema = z
  .object({
    from: z.string().min(1),
    to: z.string().min(1),
    port: z.string().min(1).optional(),
  })
  .strict();
export type WorkflowEdge = z.output<typeof edgeSchema>;

/** `POST|GET /hooks/<path>` starts a run with the request as input. */
export const webhookTriggerSchema = z
  .object({
    type: z.literal('webhook'),
    path: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9/_-]*$/, 'letters, digits, /, _ and - only, not starting with /')
      .max(200),
    methods: z.array(z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])).default(['POST']),
    /** `async`: 202 with the run id at once; `sync`: wait for a `respond` node or the run's output. */
    response: z.enum(['async', 'sync']).default('async'),
    /** How long a sync webhook waits before answering 202 with the run id. */
    timeoutMs: z.number().int().positive().max(300_000).default(30_000),
    /** Name of a credential whose value callers send in `header` (default `x-weft-secret`). */
    secret: z.string().optional(),
    /** Name of a credential used to check an HMAC-SHA256 signature of the raw body in `header`. */
    hmac: z.string().optional(),
    header: z.string().optional(),
  })
  .strict();

/** A cron schedule (with time zone) that starts a run with `input` on every tick. */
export const scheduleTriggerSchema = z
  .object({
    type: z.literal('schedule'),
    /** Name to tell several schedules of a workflow apart. */
    name: z.string().optional(),
    cron: z.string().min(1),
    timezone: z.string().default('UTC'),
    input: z.unknown().optional(),
    enabled: z.boolean().default(true),
  })
  .strict();

/** `POST /api/chat/<workflowId>`: the run sees the message and the session's history. */
export const chatTriggerSchema = z
  .object({
    type: z.literal('chat'),
    /** How many earlier messages of the session the run gets. */
    historyLimit: z.number().int().min(0).max(1000).default(20),
  })
  .strict();

/** What starts a workflow besides the API and the CLI. */
export const triggerSchema = z.discriminatedUnion('type', [webhookTriggerSchema, scheduleTriggerSchema, chatTriggerSchema]);
export type Trigger = z.output<typeof triggerSchema>;

/** Workflow-wide defaults. */
export const defaultsSchema = z
  .object({
    model: z.string().optional().describe('`provider:model` used when nothing more specific is set.'),
    concurrency: z.number().int().positive().max(1000).optional(),
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

/** The canonical workflow definition. YAML and the TypeScript builder produce this same object. */
export const workflowSchema = z
  .object({
    id: z.string().regex(ID, 'must start with a letter or _ and hold only letters, digits, _ and -').optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    defaults: defaultsSchema.optional(),
    /** JSON Schema the run input must match. */
    inputSchema: z.record(z.string(), z.unknown()).optional(),
    /** Initial shared run state. */
    state: z.record(z.string(), z.unknown()).optional(),
    /** Template for the run's output; when absent it is the output of the last step(s) that ran. */
    output: z.unknown().optional(),
    /** A named project workspace folder that persists across runs (file and shell steps work in it). */
    workspace: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, _ and - only (a folder name)')
      .optional(),
    /** Allow-list of environment variables visible to expressions as `env`. */
    env: z.array(z.string()).optional(),
    nodes: z.array(nodeSchema).min(1, 'a workflow needs at least one node'),
    edges: z.array(edgeSchema).default([]),
    triggers: z.array(triggerSchema).optional(),
  })
  .strict();

export type WorkflowDefinition = z.output<typeof workflowSchema>;
/** What authors write: defaults may be left out. */
export type WorkflowInput = z.input<typeof workflowSchema>;

/** The workflow format as JSON Schema (for editors and the API). */
export function workflowJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(workflowSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
