import type { NodeType } from '@weft/engine';
import { memoryNode } from './memory-node.ts';

export { memoryNode };

/** Conversation memory per chat session: the `memory` node (window and summary strategies). */
export const memoryNodes: NodeType[] = [memoryNode] as NodeType[];
