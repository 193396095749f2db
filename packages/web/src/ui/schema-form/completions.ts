/** What `{{ … }}` completion can offer in a node's params: the other steps and the known input and state keys. */
export interface TemplateCompletions {
  /** Ids of the other nodes of the workflow (offered as `steps.<id>`, then `steps.<id>.output`). */
  stepIds: string[];
  /** Top-level keys of the run input (from the workflow's inputSchema), offered after `input.`. */
  inputKeys?: string[];
  /** Top-level keys of the initial run state, offered after `state.`. */
  stateKeys?: string[];
}
