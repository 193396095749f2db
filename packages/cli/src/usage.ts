/** Bad command-line usage: exit code 2 with a message, never a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const USAGE = `weft — durable AI workflows

Usage:
  weft run <file> [--input <text|json|@file>] [--model provider:model] [--stream] [--json]
  weft serve [--host 127.0.0.1] [--port 8080]
  weft validate <file>
  weft runs [--limit n] [--status s] [--json]
  weft show <runId> [--json]
  weft resume [<runId>] [--step <stepId> --output <json>] [--json]
  weft retry <runId> <stepId> [--json]
  weft cancel <runId>
  weft nodes [--json]
  weft token create --name <name> [--json]
  weft token list [--json]
  weft token delete <id>

Options:
  --db <path>       SQLite database file (default: $WEFT_HOME/weft.db, WEFT_HOME defaults to ./.weft)
  --host <addr>     weft serve: address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port <n>        weft serve: port (default 8080; 0 picks a free one)
  --name <name>     weft token create: what the token is for
  --input <value>   Run input: text, JSON, or @path to read a file
  --model <ref>     Use this model for every LLM step (provider:model, e.g. openai:gpt-4o-mini)
  --stream          Print model text as it streams
  --json            Print events (run, resume, retry) or records (runs, show, nodes) as JSON
  -h, --help        Show this help

Models: set WEFT_MODEL=provider:model and the provider's key, e.g.
  WEFT_MODEL=openai:gpt-4o-mini OPENAI_API_KEY=…       (OPENAI_BASE_URL for any OpenAI-compatible server)
  WEFT_MODEL=anthropic:claude-sonnet-4-5 ANTHROPIC_API_KEY=…
  WEFT_MODEL=google:gemini-2.5-flash GOOGLE_GENERATIVE_AI_API_KEY=…
  WEFT_MODEL=ollama:llama3.2                            (OLLAMA_BASE_URL, default http://127.0.0.1:11434)

Server: \`weft serve\` runs the HTTP API (docs at /api/docs), its workers, webhooks (/hooks/<path>),
cron schedules and chat. Data lives in $WEFT_HOME (./.weft): weft.db, secret.key (the credential
key unless WEFT_ENCRYPTION_KEY is set) and artifacts/. Once an API token exists (weft token create)
every API call needs \`Authorization: Bearer <token>\`. WEFT_PUBLIC_URL sets the base URL webhooks are
shown with; WEFT_LOG_LEVEL (debug|info|warn|error) and WEFT_LOG_FORMAT=json shape the log on stderr.

Exit codes: 0 the run succeeded (or is waiting), 1 it failed or was cancelled, 2 bad usage or an invalid workflow.
`;
