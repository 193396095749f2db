import type { NodeType } from '@weft/engine';
import { classifyNode } from './classify/classify-node.ts';
import { extractNode } from './extract/extract-node.ts';
import { sentimentNode } from './sentiment/sentiment-node.ts';
import { summarizeNode } from './summarize/summarize-node.ts';
import { translateNode } from './translate/translate-node.ts';

export { classifyNode, extractNode, sentimentNode, summarizeNode, translateNode };
export { askStructured, quoted, type StructuredAsk } from './shared/structured-ask.ts';
export { fieldsToJsonSchema, type FieldSpecs } from './extract/fields-schema.ts';

/** The AI preset nodes — summarize, extract, classify, sentiment, translate — built on the llm node's structured output. */
export const aiPresetNodes: NodeType[] = [summarizeNode, extractNode, classifyNode, sentimentNode, translateNode] as NodeType[];
