import type { NodeType } from '@weft/engine';
import { documentsAnswerNode } from './documents-answer/documents-answer-node.ts';
import { documentsIndexNode } from './documents-index/documents-index-node.ts';

export { documentsAnswerNode, documentsIndexNode };
export { documentIndexSchema, type DocumentIndex, type IndexedChunk } from './shared/document-index.ts';

/** Question answering over documents: `documents_index` (chunks, embeddings, BM25) and `documents_answer` (retrieval, cited answer). */
export const knowledgeNodes: NodeType[] = [documentsIndexNode, documentsAnswerNode] as NodeType[];
