export { parseTemplate, hasTemplateSyntax, type TemplateSegment } from './template-parser.ts';
export { findTemplateProblems } from './template-problems.ts';
export {
  createTemplateEngine,
  type RenderOptions,
  type TemplateEngine,
  type TemplateEngineOptions,
} from './template-engine.ts';
