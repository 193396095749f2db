import type { Json, JsonObject, NodeContext } from '@weft/engine';

/** A tool as the agent sees it: a name, a description, a JSON Schema for its input, and a call. */
export interface AgentToolBinding {
  name: string;
  description: string;
  inputSchema: JsonObject;
  call(input: Json, ctx: NodeContext<unknown>, callId: string): Promise<Json>;
}
