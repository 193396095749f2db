import { apiSchemas, errorBodySchema, type ContractRoute } from '@weft/api';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

/** An OpenAPI 3.1 document (only the parts this builder writes are typed). */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: { url: string }[];
  tags: { name: string; description: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
  security: Record<string, string[]>[];
}

const TAGS: Record<string, string> = {
  workflows: 'Workflow definitions and their immutable versions',
  runs: 'Starting, inspecting and steering runs',
  events: 'Run events: paged, Server-Sent Events and WebSocket',
  'node-types': 'What can go in a workflow',
  triggers: 'Webhooks and cron schedules that start runs',
  chat: 'Chat sessions with workflows that have a chat trigger',
  credentials: 'Secrets nodes and webhooks use by name (write-only)',
  tokens: 'API tokens',
  system: 'Health, metrics and this document',
};

/**
 * Builds the OpenAPI 3.1 document from the same route objects the server mounts. Named schemas
 * (registered in `apiSchemas`) become components; `overrides` replaces some (the server puts the
 * engine's full workflow JSON Schema in place of the contract's loose one).
 */
export function buildOpenApiDocument(
  routes: readonly ContractRoute[],
  options: { version: string; overrides?: Record<string, JsonSchema> },
): OpenApiDocument {
  const components: Record<string, JsonSchema> = {};
  const convert = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
    const json = z.toJSONSchema(schema, { metadata: apiSchemas, io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
    return hoistDefs(json, components);
  };
  const errorRef = { $ref: `#/components/schemas/ErrorBody` };
  convert(errorBodySchema, 'output');

  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const operation: JsonSchema = {
      operationId: route.id,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [...route.tags],
    };
    const parameters = [...parametersOf(route.params, 'path', convert), ...parametersOf(route.query, 'query', convert)];
    if (route.produces === 'text/event-stream' && route.params) {
      parameters.push({ name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' }, description: 'Resume after this seq.' });
    }
    if (parameters.length > 0) operation['parameters'] = parameters;
    if (route.body) {
      const schema = convert(route.body, 'input');
      const types = route.bodyTypes ?? ['application/json'];
      operation['requestBody'] = {
        required: !route.body.safeParse(undefined).success,
        content: Object.fromEntries(types.map((type) => [type, { schema }])),
      };
    }
    operation['responses'] = responsesOf(route, convert(route.response, 'output'), errorRef);
    if (route.public) operation['security'] = [];
    const methods = (paths[path] ??= {});
    methods[route.method.toLowerCase()] = operation;
    for (const method of route.alsoMethods ?? []) {
      // The same operation under another method (webhooks), with an operation id of its own.
      methods[method.toLowerCase()] = { ...operation, operationId: `${route.id}${method.charAt(0)}${method.slice(1).toLowerCase()}` };
    }
  }
  for (const [id, schema] of Object.entries(options.overrides ?? {})) {
    const { $schema: _dialect, ...rest } = schema;
    components[id] = hoistDefs(rest, components);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Weft API',
      version: options.version,
      description:
        'Workflows, runs and their live events. Once an API token exists every route but /api/health and /api/docs needs `Authorization: Bearer <token>`. Errors answer `{ error: { code, message, path?, details? } }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    // Every tag a route uses, the known ones first (routes added later bring their own).
    tags: [...new Set([...Object.keys(TAGS), ...routes.flatMap((r) => r.tags)])].map((name) => ({
      name,
      description: TAGS[name] ?? '',
    })),
    paths,
    components: {
      schemas: components,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (`weft token create`).' } },
    },
    security: [{ bearerAuth: [] }],
  };
}

function parametersOf(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  convert: (schema: z.ZodType, io: 'input' | 'output') => JsonSchema,
): JsonSchema[] {
  if (!schema) return [];
  const json = convert(schema, 'input');
  const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json['required'] ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      schema: rest,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

function responsesOf(route: ContractRoute, schema: JsonSchema, errorRef: JsonSchema): JsonSchema {
  const responses: JsonSchema = {};
  const produces = route.produces ?? 'application/json';
  if (produces === 'websocket') {
    responses['101'] = { description: 'Switched to a WebSocket; each message is one JSON value of this schema.' };
  } else {
    const content = produces === 'application/json' || produces === 'text/event-stream' ? { schema } : { schema: { type: 'string' } };
    const note = produces === 'text/event-stream' ? ' (each event’s `data` is a JSON value of this schema)' : '';
    responses[String(route.status ?? 200)] = { description: `Success${note}`, content: { [produces]: content } };
  }
  const errors = new Set<number>(route.errors ?? []);
  if (route.params || route.query || route.body) errors.add(400);
  if (!route.public) errors.add(401);
  for (const status of [...errors].sort()) {
    responses[String(status)] = { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: errorRef } } };
  }
  return responses;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid params, query or body: `error.path` names the field',
  401: 'Missing or invalid API token',
  404: 'Not found',
  409: 'Not allowed in the current state',
  413: 'Body too large',
  405: 'Method not allowed',
  415: 'Unsupported Content-Type',
  426: 'Not a WebSocket upgrade',
  500: 'The run failed (a synchronous webhook)',
  503: 'Unavailable',
};

/** Moves `$defs` into the components and points `$ref`s at them. */
function hoistDefs(schema: JsonSchema, components: Record<string, JsonSchema>): JsonSchema {
  const { $defs, $schema: _dialect, ...rest } = schema as JsonSchema & { $defs?: Record<string, JsonSchema> };
  for (const [id, def] of Object.entries($defs ?? {})) components[id] ??= rewriteRefs(def) as JsonSchema;
  return rewriteRefs(rest) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/$defs/')
        ? `#/components/schemas/${child.slice('#/$defs/'.length)}`
        : rewriteRefs(child);
  }
  return out;
}
