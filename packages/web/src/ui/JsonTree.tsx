import { useState } from 'react';

/** A JSON value as nested lists whose objects and arrays fold (toggle buttons say which); deep levels start folded. */
export function JsonTree({ value, label, openDepth = 2 }: { value: unknown; label?: string; openDepth?: number }) {
  return (
    <div className="json-tree" role="group" aria-label={label ?? 'JSON'}>
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function JsonNode({ name, value, depth, openDepth }: { name?: string; value: unknown; depth: number; openDepth: number }) {
  const [open, setOpen] = useState(depth < openDepth);
  const key = name !== undefined && <span className="json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div>
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div>
        {key}
        {brackets.join('')}
      </div>
    );
  }
  return (
    <div>
      <button
        type="button"
        className="toggle"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
        aria-label={open ? `Fold ${name ?? 'value'}` : `Unfold ${name ?? 'value'}`}
      >
        {open ? '▾' : '▸'}
      </button>
      {key}
      {open ? (
        <>
          {brackets[0]}
          <ul>
            {entries.map(([k, v]) => (
              <li key={k}>
                <JsonNode name={k} value={v} depth={depth + 1} openDepth={openDepth} />
              </li>
            ))}
          </ul>
          {brackets[1]}
        </>
      ) : (
        <span className="muted">
          {brackets[0]} {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {brackets[1]}
        </span>
      )}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span className="json-null">{String(value)}</span>;
}
