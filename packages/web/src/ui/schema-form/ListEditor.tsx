import { useState } from 'react';
import { TemplateInput } from '../template-input/TemplateInput.tsx';
import type { TemplateCompletions } from './completions.ts';
import { isTemplate } from './form-context.ts';
import type { FieldKind } from './json-schema.ts';
import { fromText, toText } from './scalar-text.ts';

/**
 * A list of scalars (strings, numbers, enum values) edited item by item. Rows are kept as text here so an
 * empty row can exist while it is being filled; the list sent up leaves empty rows out.
 */
export function ListEditor(props: {
  id: string;
  label: string;
  item: FieldKind;
  value: unknown;
  onChange(next: unknown[] | undefined): void;
  completions: TemplateCompletions;
}) {
  const { id, label, item, value, onChange } = props;
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  const key = JSON.stringify(items);
  const [rows, setRows] = useState(() => items.map((v) => toText(v, item)));
  const [shown, setShown] = useState(key);
  if (key !== shown) {
    setShown(key);
    setRows(items.map((v) => toText(v, item)));
  }

  function update(next: string[]) {
    setRows(next);
    const values = next.filter((row) => row !== '').map((row) => fromText(row, item));
    setShown(JSON.stringify(values));
    onChange(values.length > 0 ? values : undefined);
  }
  const set = (index: number, text: string) => update(rows.map((row, i) => (i === index ? text : row)));

  return (
    <div className="sf-list">
      {rows.length === 0 && <p className="field-help sf-list-empty">No items.</p>}
      {rows.map((row, index) => {
        const rowId = `${id}-${index}`;
        const name = `${label} item ${index + 1}`;
        return (
          <div className="sf-list-row" key={index}>
            <label htmlFor={rowId} className="visually-hidden">
              {name}
            </label>
            <ItemControl id={rowId} text={row} item={item} completions={props.completions} onChange={(text) => set(index, text)} />
            <button
              type="button"
              className="ghost small"
              aria-label={`Remove ${name}`}
              onClick={() => update(rows.filter((_, i) => i !== index))}
            >
              ✕
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small"
        onClick={() => {
          setRows([...rows, '']);
          // The new row gets the focus, so typing can go on at once.
          requestAnimationFrame(() => document.getElementById(`${id}-${rows.length}`)?.focus());
        }}
      >
        <span aria-hidden="true">+</span> Add {label.toLowerCase()} item
      </button>
    </div>
  );
}

function ItemControl(props: { id: string; text: string; item: FieldKind; completions: TemplateCompletions; onChange(text: string): void }) {
  const { id, text, item, onChange } = props;
  if (item.kind === 'enum' && !isTemplate(text)) {
    return (
      <select id={id} value={text} onChange={(event) => onChange(event.target.value)}>
        <option value="">—</option>
        {item.options.map((option) => (
          <option key={JSON.stringify(option)} value={toText(option, item)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  if (item.kind === 'number' && !isTemplate(text)) {
    return (
      <input
        id={id}
        type="number"
        step={item.integer ? 1 : 'any'}
        value={text}
        onChange={(event) => onChange(event.target.value)}
      />
    );
  }
  return <TemplateInput id={id} value={text} completions={props.completions} onChange={onChange} />;
}
