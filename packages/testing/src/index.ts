export { startLoopbackProvider } from './loopback/server.ts';
export { scriptedReplies, lastUserText, constantReply } from './loopback/scripted.ts';
export type { ScriptedReplies } from './loopback/scripted.ts';
export type {
  LoggedRequest,
  LoopbackErrorSpec,
  LoopbackMessage,
  LoopbackProvider,
  LoopbackProviderKind,
  LoopbackProviderOptions,
  LoopbackReply,
  LoopbackReplyFn,
  LoopbackRequest,
  LoopbackToolCall,
  LoopbackToolResult,
} from './loopback/types.ts';
