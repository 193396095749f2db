import { apiRoutes, type RouteResponse } from '@weft/api';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { duration } from '../../ui/format.ts';
import { EmptyState, ErrorState, Loading } from '../../ui/states.tsx';
import { useWorkflowList, type WorkflowSummary } from '../workflows/useWorkflowList.ts';
import { CopyButton } from './CopyButton.tsx';

type Webhook = RouteResponse<typeof apiRoutes.listWorkflowWebhooks>['webhooks'][number];

/** The webhooks of every workflow with a webhook trigger: the URL to call and what a caller must send. */
export function WebhooksTab() {
  const workflows = useWorkflowList('');
  if (workflows.isPending) return <Loading label="Loading workflows…" />;
  if (workflows.isError) return <ErrorState error={workflows.error} retry={() => void workflows.refetch()} />;
  const withHooks = workflows.data.filter((w) => w.triggers.includes('webhook'));
  if (withHooks.length === 0) {
    return (
      <EmptyState title="No webhooks">
        <p>A workflow gets a URL that starts a run when its triggers include a webhook, for example:</p>
        <pre className="hint-code">{'triggers:\n  - type: webhook\n    path: orders/new\n    response: sync\n    secret: orders-secret'}</pre>
      </EmptyState>
    );
  }
  return (
    <div className="settings-section">
      <p className="muted section-intro">
        Webhook URLs need no API token. A secret or signature, when required, is a stored credential: it is never shown here.
      </p>
      {withHooks.map((w) => (
        <WorkflowWebhooks key={w.id} workflow={w} />
      ))}
    </div>
  );
}

function WorkflowWebhooks({ workflow }: { workflow: WorkflowSummary }) {
  const hooks = useQuery({
    queryKey: keys.webhooks(workflow.id),
    queryFn: ({ signal }) => call(apiRoutes.listWorkflowWebhooks, { params: { id: workflow.id }, signal }),
    select: (data) => data.webhooks,
  });
  return (
    <section className="card webhook-card" aria-label={`Webhooks of ${workflow.name}`} data-testid="workflow-webhooks">
      <h2>
        <Link href={`/workflows/${encodeURIComponent(workflow.id)}`}>{workflow.name}</Link>
      </h2>
      {hooks.isPending ? (
        <Loading label="Loading webhooks…" />
      ) : hooks.isError ? (
        <ErrorState error={hooks.error} retry={() => void hooks.refetch()} />
      ) : hooks.data.length === 0 ? (
        <p className="muted">No webhook in its latest version.</p>
      ) : (
        <ul className="webhook-list">
          {hooks.data.map((h) => (
            <WebhookItem key={h.path} hook={h} />
          ))}
        </ul>
      )}
    </section>
  );
}

function WebhookItem({ hook }: { hook: Webhook }) {
  return (
    <li className="webhook-item">
      <div className="copy-row">
        <code className="webhook-url">{hook.url}</code>
        <CopyButton text={hook.url} what={`URL of the ${hook.path} webhook`} label="Copy URL" />
      </div>
      <dl className="webhook-facts">
        <div>
          <dt>Methods</dt>
          <dd>
            {hook.methods.map((m) => (
              <span key={m} className="chip mono">
                {m}
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>Mode</dt>
          <dd>
            {hook.response === 'sync'
              ? `sync: answers with the reply (waits up to ${duration(hook.timeoutMs)})`
              : 'async: answers 202 with the run id at once'}
          </dd>
        </div>
        <div>
          <dt>Caller must send</dt>
          <dd>{authText(hook)}</dd>
        </div>
      </dl>
      {!hook.active && (
        <p className="warning" role="note">
          <strong>Inactive:</strong> another workflow took the path <code>{hook.path}</code> first.
        </p>
      )}
    </li>
  );
}

function authText(hook: Webhook) {
  const header = (fallback: string) => <code>{hook.header ?? fallback}</code>;
  switch (hook.auth) {
    case 'none':
      return 'nothing: anyone with the URL can call it';
    case 'secret':
      return <>the shared secret in {header('X-Weft-Secret')}</>;
    case 'hmac':
      return <>an HMAC-SHA256 signature of the body in {header('X-Weft-Signature')}</>;
    case 'secret+hmac':
      return <>the shared secret and an HMAC-SHA256 signature of the body</>;
  }
}
