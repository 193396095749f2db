import type { TemplateCompletions } from './completions.ts';
import { ObjectFields, UnionFields } from './Fields.tsx';
import { covers, fieldId, type FormContext } from './form-context.ts';
import { JsonField } from './JsonField.tsx';
import { fieldKind, propertiesOf, resolveSchema, variantValues, type JsonSchema } from './json-schema.ts';
import './SchemaForm.css';

export interface SchemaFormProps {
  /** The node type's params JSON Schema (`paramsSchema` of `GET /api/node-types`). */
  schema: Record<string, unknown>;
  value: Record<string, unknown>;
  /** The whole params object after an edit; empty fields are left out. */
  onChange(next: Record<string, unknown>): void;
  completions: TemplateCompletions;
  /** Messages keyed by param path (`prompt`, `headers.x`, `args[0]`). */
  problems?: Record<string, string>;
  /** Makes ids unique on the page (e.g. `node-draft`); ids are `<idPrefix>-<path>`. */
  idPrefix: string;
  /** `provider:model` ids already used in the workflow, offered first in model fields. */
  models?: string[];
}

const NO_PROBLEMS: Record<string, string> = {};

/**
 * The params of a node as a form generated from their JSON Schema: text fields with `{{ }}` completion,
 * numbers, checkboxes, selects, lists, nested groups, model and credential pickers, and JSON for the rest.
 * Defaults show as placeholders and are never written; clearing a field removes its key.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { value, onChange, idPrefix } = props;
  const root = props.schema as JsonSchema;
  const schema = resolveSchema(root, root);
  const ctx: FormContext = {
    idPrefix,
    completions: props.completions,
    problems: props.problems ?? NO_PROBLEMS,
    models: props.models ?? [],
    root,
  };
  const kind = fieldKind('', schema, root, 0);
  const properties = propertiesOf(schema, root);

  let fields;
  let known: string[];
  if (kind.kind === 'union') {
    const variant = kind.variants.find((v) => variantValues(v, kind.discriminator, root).some((o) => o === value[kind.discriminator]));
    known = [kind.discriminator, ...(variant ? propertiesOf(variant, root).map(([key]) => key) : [])];
    fields = <UnionFields kind={kind} value={value} onChange={onChange} path="" depth={0} ctx={ctx} />;
  } else if (properties.length > 0) {
    known = properties.map(([key]) => key);
    fields = <ObjectFields schema={schema} value={value} onChange={onChange} path="" depth={0} ctx={ctx} />;
  } else if (schema['type'] === 'object' && schema['additionalProperties'] === undefined) {
    known = [];
    fields = <p className="field-help">This node has no parameters.</p>;
  } else {
    // Params the schema does not describe field by field: the whole object as JSON.
    known = [];
    const id = fieldId(idPrefix, 'params');
    fields = (
      <div className="sf-field">
        <label htmlFor={id} className="field-label">
          Params (JSON)
        </label>
        <JsonField id={id} value={value} onChange={(next) => onChange(isParams(next) ? next : {})} />
      </div>
    );
  }

  // Problems about keys no field shows (a key the schema lacks, the params as a whole) would be lost.
  const elsewhere = Object.entries(ctx.problems).filter(([key]) => !known.some((k) => covers(key, k, true)));
  const extraKeys = Object.keys(value).filter((key) => known.length > 0 && !known.includes(key));

  return (
    <div className="schema-form">
      {elsewhere.length > 0 && (
        <ul className="field-error sf-other-problems">
          {elsewhere.map(([key, message]) => (
            <li key={key}>
              {key && <code>{key}</code>} {message}
            </li>
          ))}
        </ul>
      )}
      {fields}
      {extraKeys.length > 0 && (
        <p className="field-help">
          Also set, not described by this node type (edit them in YAML): {extraKeys.map((key) => <code key={key}>{key} </code>)}
        </p>
      )}
    </div>
  );
}

const isParams = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
