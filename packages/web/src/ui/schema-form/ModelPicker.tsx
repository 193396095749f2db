/** Models offered in every model field (any `provider:model` may be typed). */
export const COMMON_MODELS = [
  'openai:gpt-4o-mini',
  'openai:gpt-4o',
  'anthropic:claude-sonnet-4-5',
  'anthropic:claude-haiku-4-5',
  'google:gemini-2.5-flash',
  'google:gemini-2.5-pro',
  'ollama:llama3.2',
];
export const COMMON_EMBEDDING_MODELS = [
  'openai:text-embedding-3-small',
  'openai:text-embedding-3-large',
  'google:gemini-embedding-001',
  'ollama:nomic-embed-text',
];

/** Free text for a `provider:model` id, with a list of common ones and those the workflow already uses. */
export function ModelPicker(props: {
  id: string;
  value: string;
  onChange(next: string): void;
  /** Models the workflow already uses, offered first. */
  models: string[];
  embedding?: boolean;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
}) {
  const listId = `${props.id}-models`;
  const offered = [...new Set([...props.models, ...(props.embedding ? COMMON_EMBEDDING_MODELS : COMMON_MODELS)])];
  return (
    <>
      <input
        id={props.id}
        type="text"
        className="mono"
        list={listId}
        value={props.value}
        placeholder={props.placeholder ?? 'provider:model'}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid || undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <datalist id={listId}>
        {offered.map((model) => (
          <option key={model} value={model} />
        ))}
      </datalist>
    </>
  );
}
