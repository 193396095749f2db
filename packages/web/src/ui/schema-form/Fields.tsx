import { useState, type ReactNode } from 'react';
import { TemplateInput } from '../template-input/TemplateInput.tsx';
import { CredentialPicker } from './CredentialPicker.tsx';
import { defaultText, fieldId, isTemplate, problemsAt, type FormContext } from './form-context.ts';
import { JsonField } from './JsonField.tsx';
import {
  fieldKind,
  humanize,
  joinPath,
  propertiesOf,
  requiredOf,
  variantValues,
  type FieldKind,
  type JsonSchema,
} from './json-schema.ts';
import { ListEditor } from './ListEditor.tsx';
import { ModelPicker } from './ModelPicker.tsx';
import { fromText, toText } from './scalar-text.ts';

type Params = Record<string, unknown>;
const asParams = (value: unknown): Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {};

/** Sets or (for `undefined`) removes one key, leaving the others as they are. */
function withKey(params: Params, key: string, next: unknown): Params {
  const copy = { ...params };
  if (next === undefined) delete copy[key];
  else copy[key] = next;
  return copy;
}

/** The fields of an object schema, in the schema's order. `omit` leaves out a union's discriminator. */
export function ObjectFields(props: {
  schema: JsonSchema;
  value: Params;
  onChange(next: Params): void;
  path: string;
  depth: number;
  ctx: FormContext;
  omit?: string;
}) {
  const { schema, value, onChange, path, depth, ctx } = props;
  const required = requiredOf(schema);
  return (
    <>
      {propertiesOf(schema, ctx.root)
        .filter(([key]) => key !== props.omit)
        .map(([key, property]) => (
          <Field
            key={key}
            name={key}
            path={joinPath(path, key)}
            schema={property}
            required={required.has(key)}
            value={value[key]}
            onChange={(next) => onChange(withKey(value, key, next))}
            depth={depth}
            ctx={ctx}
          />
        ))}
    </>
  );
}

/** A union of object shapes told apart by one property (`operation`): a select for it, then that shape's fields. */
export function UnionFields(props: {
  kind: Extract<FieldKind, { kind: 'union' }>;
  value: Params;
  onChange(next: Params): void;
  path: string;
  depth: number;
  ctx: FormContext;
}) {
  const { kind, value, onChange, path, depth, ctx } = props;
  const { discriminator } = kind;
  const current = value[discriminator];
  const variant = kind.variants.find((v) => variantValues(v, discriminator, ctx.root).some((option) => option === current));
  const options = kind.variants.flatMap((v) => variantValues(v, discriminator, ctx.root));
  const choose = (chosen: unknown) => {
    const next = kind.variants.find((v) => variantValues(v, discriminator, ctx.root).some((option) => option === chosen));
    // Keys the new shape does not know would only fail validation.
    const known = new Set(next ? propertiesOf(next, ctx.root).map(([key]) => key) : []);
    const kept = Object.fromEntries(Object.entries(value).filter(([key]) => known.has(key)));
    onChange(withKey(kept, discriminator, chosen));
  };
  const fieldPath = joinPath(path, discriminator);
  const selector = { kind: 'enum' as const, options };
  return (
    <>
      <FieldShell
        id={fieldId(ctx.idPrefix, fieldPath)}
        label={humanize(discriminator)}
        required
        messages={problemsAt(ctx.problems, fieldPath, false)}
      >
        {(describedBy, invalid) => (
          <EnumSelect
            id={fieldId(ctx.idPrefix, fieldPath)}
            kind={selector}
            value={current}
            required
            onChange={choose}
            describedBy={describedBy}
            invalid={invalid}
          />
        )}
      </FieldShell>
      {variant && <ObjectFields schema={variant} value={value} onChange={onChange} path={path} depth={depth} ctx={ctx} omit={discriminator} />}
    </>
  );
}

interface FieldProps {
  name: string;
  path: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange(next: unknown): void;
  depth: number;
  ctx: FormContext;
}

/** Kinds whose value is not text, so writing them as a `{{ }}` expression is a separate mode. */
const TYPED_KINDS = new Set<FieldKind['kind']>(['number', 'boolean', 'enum', 'list', 'json', 'object', 'union']);

/** One param: its label, control, help text and problems. */
function Field(props: FieldProps) {
  const { name, path, schema, required, value, onChange, depth, ctx } = props;
  const kind = fieldKind(name, schema, ctx.root, depth);
  const id = fieldId(ctx.idPrefix, path);
  const label = humanize(name);
  const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
  const placeholder = defaultText(schema['default']);
  const [expressionChosen, setExpressionChosen] = useState(false);
  const typed = TYPED_KINDS.has(kind.kind);
  const expression = typed && (expressionChosen || isTemplate(value));
  // Lists and JSON have no control per sub-path, so problems below them show here.
  const below = expression || kind.kind === 'json' || kind.kind === 'list';
  const messages = problemsAt(ctx.problems, path, below);

  const toggle = typed && kind.kind !== 'boolean' && (
    <button
      type="button"
      className="ghost small sf-expression-toggle"
      aria-pressed={expression}
      aria-label={`Write ${label} as a {{ }} expression`}
      title="Write this value as a {{ }} expression"
      onClick={() => {
        if (expression && typeof value === 'string') onChange(undefined);
        setExpressionChosen(!expression);
      }}
    >
      {'{{ }}'}
    </button>
  );

  const shell = { id, label, required, description, messages, extra: toggle };

  if (expression || kind.kind === 'string' || kind.kind === 'scalar') {
    const text = typeof value === 'string' ? value : toText(value, kind);
    return (
      <FieldShell {...shell}>
        {(describedBy, invalid) => {
          const set = (next: string) => onChange(next === '' ? undefined : expression ? next : fromText(next, kind));
          if (!expression && kind.kind === 'string' && kind.widget === 'model') {
            return (
              <ModelPicker
                id={id}
                value={text}
                onChange={set}
                models={ctx.models}
                embedding={/embed/i.test(name)}
                placeholder={placeholder}
                describedBy={describedBy}
                invalid={invalid}
              />
            );
          }
          if (!expression && kind.kind === 'string' && kind.widget === 'credential') {
            return <CredentialPicker id={id} value={text} onChange={set} label={label} describedBy={describedBy} invalid={invalid} />;
          }
          const multiline = (kind.kind === 'string' && kind.widget === 'multiline') || text.includes('\n');
          return (
            <TemplateInput
              id={id}
              value={text}
              onChange={set}
              completions={ctx.completions}
              multiline={multiline}
              placeholder={expression ? '{{ expression }}' : placeholder}
              aria-describedby={describedBy}
              aria-invalid={invalid}
            />
          );
        }}
      </FieldShell>
    );
  }

  if (kind.kind === 'boolean') {
    const fallback = schema['default'] === true;
    return (
      <FieldShell {...shell} inline>
        {(describedBy, invalid) => (
          <input
            id={id}
            type="checkbox"
            checked={typeof value === 'boolean' ? value : fallback}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            // Back at the default, the key goes: saved params only hold what differs.
            onChange={(event) => onChange(event.target.checked === fallback ? undefined : event.target.checked)}
          />
        )}
      </FieldShell>
    );
  }

  if (kind.kind === 'object' || kind.kind === 'union') {
    return (
      <FieldShell {...shell} group>
        {() =>
          kind.kind === 'union' ? (
            <UnionFields kind={kind} value={asParams(value)} onChange={(next) => onChange(emptyToUndefined(next))} path={path} depth={depth + 1} ctx={ctx} />
          ) : (
            <ObjectFields schema={kind.schema} value={asParams(value)} onChange={(next) => onChange(emptyToUndefined(next))} path={path} depth={depth + 1} ctx={ctx} />
          )
        }
      </FieldShell>
    );
  }

  if (kind.kind === 'list') {
    return (
      <FieldShell {...shell} group>
        {() => <ListEditor id={id} label={label} item={kind.item} value={value} onChange={onChange} completions={ctx.completions} />}
      </FieldShell>
    );
  }

  if (kind.kind === 'enum') {
    return (
      <FieldShell {...shell}>
        {(describedBy, invalid) => (
          <EnumSelect id={id} kind={kind} value={value} required={required} fallback={placeholder} onChange={onChange} describedBy={describedBy} invalid={invalid} />
        )}
      </FieldShell>
    );
  }

  if (kind.kind === 'number') {
    return (
      <FieldShell {...shell}>
        {(describedBy, invalid) => (
          <input
            id={id}
            type="number"
            inputMode="decimal"
            step={kind.integer ? 1 : 'any'}
            min={typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined}
            max={typeof schema['maximum'] === 'number' && schema['maximum'] < Number.MAX_SAFE_INTEGER ? schema['maximum'] : undefined}
            value={typeof value === 'number' ? value : ''}
            placeholder={placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(event) => onChange(event.target.value === '' ? undefined : Number(event.target.value))}
          />
        )}
      </FieldShell>
    );
  }

  return (
    <FieldShell {...shell}>
      {(describedBy, invalid) => (
        <JsonField
          id={id}
          value={value}
          onChange={onChange}
          placeholder={placeholder ?? (kind.shape === 'array' ? '[ ]' : kind.shape === 'object' ? '{ }' : 'any JSON')}
          describedBy={describedBy}
          invalid={invalid}
        />
      )}
    </FieldShell>
  );
}

const emptyToUndefined = (params: Params) => (Object.keys(params).length === 0 ? undefined : params);

/**
 * The frame of a field: label (or legend for a group of controls), required marker, help text and problems,
 * wired to the control with htmlFor/id, aria-describedby and aria-invalid.
 */
function FieldShell(props: {
  id: string;
  label: string;
  required: boolean;
  description?: string | undefined;
  messages: string[];
  extra?: ReactNode;
  /** Several controls (a list, nested fields): a fieldset with a legend instead of a label. */
  group?: boolean;
  /** A checkbox: the control comes before its label. */
  inline?: boolean;
  children(describedBy: string | undefined, invalid: boolean): ReactNode;
}) {
  const { id, label, required, description, messages } = props;
  const helpId = description ? `${id}-help` : undefined;
  const errorId = messages.length > 0 ? `${id}-error` : undefined;
  const describedBy = [helpId, errorId].filter(Boolean).join(' ') || undefined;
  const invalid = messages.length > 0;
  const name = (
    <>
      {label}
      {required && (
        <>
          <span className="sf-required" aria-hidden="true">
            {' *'}
          </span>
          <span className="visually-hidden"> (required)</span>
        </>
      )}
    </>
  );
  const after = (
    <>
      {description && (
        <div id={helpId} className="field-help">
          {description}
        </div>
      )}
      {errorId && (
        <div id={errorId} className="field-error">
          {messages.map((message, index) => (
            <div key={index}>
              <span aria-hidden="true">⚠ </span>
              {message}
            </div>
          ))}
        </div>
      )}
    </>
  );
  if (props.group) {
    return (
      <fieldset className="sf-group" aria-describedby={describedBy} aria-invalid={invalid || undefined}>
        <legend className="field-label">{name}</legend>
        {props.extra && <div className="sf-group-tools">{props.extra}</div>}
        {after}
        <div className="sf-group-body">{props.children(describedBy, invalid)}</div>
      </fieldset>
    );
  }
  if (props.inline) {
    return (
      <div className="sf-field sf-inline">
        <div className="sf-label-row">
          {props.children(describedBy, invalid)}
          <label htmlFor={id} className="field-label">
            {name}
          </label>
        </div>
        {after}
      </div>
    );
  }
  return (
    <div className="sf-field">
      <div className="sf-label-row">
        <label htmlFor={id} className="field-label">
          {name}
        </label>
        {props.extra}
      </div>
      {props.children(describedBy, invalid)}
      {after}
    </div>
  );
}

/** A select over an enum; the empty choice leaves the param out (the default, when there is one, applies). */
function EnumSelect(props: {
  id: string;
  kind: Extract<FieldKind, { kind: 'enum' }>;
  value: unknown;
  required: boolean;
  fallback?: string | undefined;
  onChange(next: unknown): void;
  describedBy?: string | undefined;
  invalid: boolean;
}) {
  const { id, kind, value } = props;
  const texts = kind.options.map((option) => toText(option, kind));
  const current = value === undefined ? '' : toText(value, kind);
  const foreign = current !== '' && !texts.includes(current);
  return (
    <select
      id={id}
      value={current}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
      onChange={(event) => props.onChange(event.target.value === '' ? undefined : fromText(event.target.value, kind))}
    >
      <option value="">{props.fallback !== undefined ? `Default (${props.fallback})` : props.required ? 'Choose…' : '—'}</option>
      {kind.options.map((option, index) => (
        <option key={texts[index]} value={texts[index]}>
          {String(option)}
        </option>
      ))}
      {foreign && <option value={current}>{String(value)} (not allowed)</option>}
    </select>
  );
}
