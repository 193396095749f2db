import type { NodeTypeInfo } from './types.ts';

/** The media type a palette item is dragged onto the canvas with. */
export const NODE_TYPE_DRAG = 'application/x-weft-node-type';

/** The palette's order of categories; others follow alphabetically. */
const ORDER = ['ai', 'flow', 'data', 'io', 'integration'];

const LABELS: Record<string, string> = { ai: 'AI', flow: 'Flow', data: 'Data', io: 'Input & output', integration: 'Integrations' };

export function categoryLabel(category: string): string {
  return LABELS[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

/** Node types grouped by category, filtered by a search over type, title, category and description. */
export function paletteGroups(types: readonly NodeTypeInfo[], search: string): Array<{ category: string; types: NodeTypeInfo[] }> {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (t: NodeTypeInfo) => {
    const text = `${t.type} ${t.title} ${t.category} ${categoryLabel(t.category)} ${t.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const groups = new Map<string, NodeTypeInfo[]>();
  for (const t of types) {
    if (!matches(t)) continue;
    const list = groups.get(t.category) ?? [];
    list.push(t);
    groups.set(t.category, list);
  }
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, list]) => ({ category, types: list }));
}
