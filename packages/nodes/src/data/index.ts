// The data nodes: list and field operations n8n and Dify users reach for. Field paths are dot
// paths over own properties only; values are data and are never evaluated.
import type { NodeType } from '@weft/engine';
import { aggregateNode } from './aggregate/aggregate-node.ts';
import { datetimeNode } from './datetime/datetime-node.ts';
import { dedupeNode } from './dedupe/dedupe-node.ts';
import { filterNode } from './filter/filter-node.ts';
import { joinNode } from './join/join-node.ts';
import { jsonNode } from './json/json-node.ts';
import { limitNode } from './limit/limit-node.ts';
import { renameNode } from './rename/rename-node.ts';
import { setNode } from './set/set-node.ts';
import { sortNode } from './sort/sort-node.ts';
import { splitOutNode } from './split-out/split-out-node.ts';
import { textTemplateNode } from './text-template/text-template-node.ts';

export {
  aggregateNode,
  datetimeNode,
  dedupeNode,
  filterNode,
  joinNode,
  jsonNode,
  limitNode,
  renameNode,
  setNode,
  sortNode,
  splitOutNode,
  textTemplateNode,
};

/** Every data node type, for the node library. */
export const dataNodes: NodeType[] = [
  filterNode,
  setNode,
  renameNode,
  sortNode,
  limitNode,
  aggregateNode,
  splitOutNode,
  dedupeNode,
  datetimeNode,
  jsonNode,
  textTemplateNode,
  joinNode,
] as NodeType[];
