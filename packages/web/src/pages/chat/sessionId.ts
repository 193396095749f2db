/**
 * A new chat session id (`chat-<time>-<random>`), matching the API's `[\w.:-]+`. Uses
 * crypto.getRandomValues, which (unlike randomUUID) also works on a plain-http server on the LAN.
 */
export function newSessionId(now = Date.now()): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const random = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `chat-${now.toString(36)}-${random}`;
}
