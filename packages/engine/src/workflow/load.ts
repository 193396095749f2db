import { parseDocument } from 'yaml';
import { InvalidWorkflowError } from '../errors.ts';

/** Parses workflow text as YAML or JSON (JSON is YAML too, but gets JSON's own error messages). */
export function parseWorkflowText(text: string, source = 'workflow'): unknown {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new InvalidWorkflowError([{ path: '', message: `not valid JSON: ${(error as Error).message}` }], source);
    }
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  if (doc.errors.length > 0) {
    throw new InvalidWorkflowError(
      doc.errors.map((e) => ({
        path: e.linePos?.[0] ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
      })),
      source,
    );
  }
  try {
    return doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    // Aliases to nothing, alias bombs and odd tags fail only when the document is converted.
    throw new InvalidWorkflowError([{ path: '', message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` }], source);
  }
}
