/** Text cut to a length, and whether it was cut. */
export interface Truncated {
  text: string;
  truncated: boolean;
}

/** Cuts `text` to `maxChars` (never inside a surrogate pair) and says so at the end when it does. */
export function truncateText(text: string, maxChars: number): Truncated {
  if (text.length <= maxChars) return { text, truncated: false };
  let end = maxChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  const note = `\n\n[Truncated: showing the first ${end} of ${text.length} characters. Call again with a larger maxChars to read more.]`;
  return { text: text.slice(0, end) + note, truncated: true };
}
