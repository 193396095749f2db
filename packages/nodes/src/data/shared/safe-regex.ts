// Regular expressions from workflow params run on the host, so they run on a matcher that cannot
// backtrack (linear-regex.ts): `(a+)+$` is as fast as `a+$`. Patterns are capped in length, must
// be valid JavaScript (`u` mode) too, and text is tested on its first MAX_SUBJECT_LENGTH characters.
import { compileLinearRegex, PatternError, type LinearRegex } from './linear-regex.ts';

/** Longest pattern accepted. */
export const MAX_PATTERN_LENGTH = 200;
/** Longest text a pattern is run on; longer text is tested on its first this-many characters. */
export const MAX_SUBJECT_LENGTH = 10_000;

const compiled = new Map<string, LinearRegex>();

/** Why a pattern is refused, or undefined when it can run. */
export function unsafePatternReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `pattern longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message}`;
  }
  try {
    compileLinearRegex(pattern);
  } catch (error) {
    if (error instanceof PatternError) return error.message;
    throw error;
  }
  return undefined;
}

/** Tests `text` against a pattern already accepted by {@link unsafePatternReason}. */
export function testSafePattern(pattern: string, text: string, ignoreCase: boolean): boolean {
  const key = `${ignoreCase ? 'i' : '-'}${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    regex = compileLinearRegex(pattern, { ignoreCase });
    if (compiled.size > 500) compiled.clear();
    compiled.set(key, regex);
  }
  return regex.test(text.slice(0, MAX_SUBJECT_LENGTH));
}
