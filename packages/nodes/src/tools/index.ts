import { calculatorTool } from './calculator.ts';
import type { Tool } from './define-tool.ts';
import { httpFetchTool } from './http-fetch.ts';

export { defineTool, invokeTool, toolInputJsonSchema, ToolInputError } from './define-tool.ts';
export type { Tool, ToolContext } from './define-tool.ts';
export { httpFetchTool, DEFAULT_FETCH_MAX_CHARS } from './http-fetch.ts';
export { calculatorTool } from './calculator.ts';
export { createWebSearchTool } from './web-search.ts';
export type { SearchResult, WebSearchOptions, WebSearchProvider } from './web-search.ts';
export { calculate } from './calculator/evaluate.ts';
export { CalculatorError } from './calculator/calculator-error.ts';
export { htmlToReadableText, pageText } from './page-text.ts';
export type { PageText } from './page-text.ts';
export { truncateText } from './truncate.ts';

/** The tools every agent may be given, by name. */
export const builtinTools: readonly Tool[] = [httpFetchTool, calculatorTool];
