import { useId, useState } from 'react';
import { categoryLabel, NODE_TYPE_DRAG, paletteGroups } from './palette-groups.ts';
import { categoryColor } from './StepNode.tsx';
import type { NodeTypeInfo } from './types.ts';

/**
 * Node types by category, searchable. Click (or Enter) adds one next to the selected node and
 * connects it; dragging one onto the canvas drops it there.
 */
export function Palette({ types, onAdd }: { types: readonly NodeTypeInfo[]; onAdd(type: string): void }) {
  const [search, setSearch] = useState('');
  const searchId = useId();
  const groups = paletteGroups(types, search);
  return (
    <nav className="palette" aria-label="Node palette">
      <label className="visually-hidden" htmlFor={searchId}>
        Search node types
      </label>
      <input id={searchId} type="search" placeholder="Search nodes…" value={search} onChange={(e) => setSearch(e.target.value)} />
      {groups.length === 0 && <p className="muted">No node type matches “{search}”.</p>}
      {groups.map((group) => (
        <section key={group.category} className="palette-group" aria-label={categoryLabel(group.category)}>
          <h3>
            <span className="palette-swatch" aria-hidden="true" style={{ background: categoryColor(group.category) }} />
            {categoryLabel(group.category)}
          </h3>
          <ul>
            {group.types.map((t) => (
              <li key={t.type}>
                <button
                  type="button"
                  className="palette-item"
                  title={t.description}
                  data-testid={`palette-${t.type}`}
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(NODE_TYPE_DRAG, t.type);
                    e.dataTransfer.setData('text/plain', t.type);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(t.type)}
                >
                  <span className="visually-hidden">Add</span>{' '}
                  <span className="palette-title">{t.title}</span>
                  <code className="palette-type" aria-hidden="true">
                    {t.type}
                  </code>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
