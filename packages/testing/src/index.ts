export { startLoopbackProvider } from './loopback/server.ts';
export { hashEmbedding, cosineSimilarity, DEFAULT_EMBEDDING_DIMENSIONS } from './loopback/embedding.ts';
export { scriptedReplies, lastUserText, constantReply } from './loopback/scripted.ts';
export type { ScriptedReplies } from './loopback/scripted.ts';
export type {
  LoggedRequest,
  LoopbackEmbedRequest,
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
