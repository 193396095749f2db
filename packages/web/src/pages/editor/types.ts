import type { apiRoutes, RouteResponse, WorkflowInput } from '@weft/api';

/** The workflow being edited: the same object YAML and the API carry. */
export type Draft = WorkflowInput;
export type DraftNode = Draft['nodes'][number];
export type DraftEdge = NonNullable<Draft['edges']>[number];

/** A node type as `/api/node-types` lists it (palette, ports, params schema, docs). */
export type NodeTypeInfo = RouteResponse<typeof apiRoutes.listNodeTypes>['nodeTypes'][number];

/** What `POST /api/workflows/:id/nodes/:nodeId/test` answers. */
export type NodeTestResult = RouteResponse<typeof apiRoutes.testNode>;

export interface Problem {
  path: string;
  message: string;
}

export type { XY } from '../../ui/graph-layout.ts';
