import type { NodeType } from '@weft/engine';
import { codeMetricsNode } from './code-metrics/code-metrics-node.ts';

export { codeMetricsNode, measureFiles, type CodeMetricsOutput } from './code-metrics/code-metrics-node.ts';

/** Static analysis nodes. */
export const analysisNodes: NodeType[] = [codeMetricsNode];
