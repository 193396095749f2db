import type { EmbedWireFormat } from './types.ts';
import { asArray, asString, isObj, textOf } from './wire-util.ts';

/** OpenAI embeddings (`POST /v1/embeddings`), also served by Ollama and most OpenAI-compatible servers. */
export const openaiEmbedWire: EmbedWireFormat = {
  match(method, path) {
    return method === 'POST' && path.split('?')[0] === '/v1/embeddings' ? {} : undefined;
  },

  parse(body) {
    if (!isObj(body)) throw new Error('Request body must be a JSON object.');
    const model = asString(body.model);
    if (!model) throw new Error('you must provide a model parameter');
    return { model, values: inputValues(body.input, "'input'"), ...dimensionsOf(body.dimensions) };
  },

  encode({ embeddings, inputTokens }, request) {
    const base64 = isObj(request.body) && request.body.encoding_format === 'base64';
    return {
      object: 'list',
      data: embeddings.map((embedding, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(embedding).buffer).toString('base64') : embedding,
      })),
      model: request.model,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    };
  },
};

const GEMINI_ROUTE = /^\/v1beta\/(.+):(embedContent|batchEmbedContents)$/;

/** Gemini embeddings: `POST /v1beta/models/{m}:embedContent` (one value) and `:batchEmbedContents`. */
export const geminiEmbedWire: EmbedWireFormat = {
  match(method, path) {
    const match = method === 'POST' ? GEMINI_ROUTE.exec(path.split('?')[0] ?? '') : null;
    if (!match?.[1]) return undefined;
    return { model: decodeURIComponent(match[1]).replace(/^models\//, ''), single: match[2] === 'embedContent' };
  },

  parse(body, route) {
    if (!isObj(body)) throw new Error('Invalid JSON payload received.');
    const requests = route.single ? [body] : asArray(body.requests).filter(isObj);
    if (!route.single && requests.length === 0) throw new Error('* BatchEmbedContentsRequest.requests: must not be empty');
    const values = requests.map((r) => textOf(isObj(r.content) ? r.content.parts : undefined));
    for (const r of requests) {
      const model = asString(r.model)?.replace(/^models\//, '');
      if (model !== undefined && model !== route.model) {
        throw new Error(`* BatchEmbedContentsRequest.model: unexpected model name format or mismatch (${model} vs ${route.model ?? ''})`);
      }
    }
    return { model: route.model ?? '', values, ...dimensionsOf(requests[0]?.outputDimensionality) };
  },

  encode({ embeddings }, _request, route) {
    if (route.single) return { embedding: { values: embeddings[0] ?? [] } };
    return { embeddings: embeddings.map((values) => ({ values })) };
  },
};

/** Ollama's native embeddings (`POST /api/embed`, `input` a string or a list). */
export const ollamaEmbedWire: EmbedWireFormat = {
  match(method, path) {
    return method === 'POST' && path.split('?')[0] === '/api/embed' ? {} : undefined;
  },

  parse(body) {
    if (!isObj(body)) throw new Error('invalid request body');
    const model = asString(body.model);
    if (!model) throw new Error('model is required');
    return { model, values: inputValues(body.input, 'input'), ...dimensionsOf(body.dimensions) };
  },

  encode({ embeddings, inputTokens }, request) {
    return {
      model: request.model,
      embeddings,
      total_duration: 1_000_000,
      load_duration: 100_000,
      prompt_eval_count: inputTokens,
    };
  },
};

function inputValues(input: unknown, field: string): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((v) => typeof v === 'string')) return input as string[];
  throw new Error(`${field} must be a string or a non-empty array of strings`);
}

function dimensionsOf(value: unknown): { dimensions?: number } {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? { dimensions: value } : {};
}
