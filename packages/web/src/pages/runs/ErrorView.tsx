import type { ErrorJsonShape } from '@weft/api';
import { JsonTree } from '../../ui/JsonTree.tsx';

/** An engine error: code, message, details and the chain of causes under it. */
export function ErrorView({ error }: { error: ErrorJsonShape }) {
  const chain: ErrorJsonShape[] = [];
  for (let e: ErrorJsonShape | undefined = error.cause; e && chain.length < 20; e = e.cause) chain.push(e);
  return (
    <div className="error-view" role="group" aria-label="Error">
      <p className="error-line">
        <code className="error-code">{error.code}</code> {error.message}
        {error.retryable && <span className="chip">retryable</span>}
      </p>
      {error.details !== undefined && <JsonTree value={error.details} label="Error details" openDepth={1} />}
      {chain.length > 0 && (
        <ol className="cause-chain" aria-label="Caused by">
          {chain.map((cause, i) => (
            <li key={i}>
              <span className="muted">caused by</span> <code className="error-code">{cause.code}</code> {cause.message}
              {cause.details !== undefined && <JsonTree value={cause.details} label="Cause details" openDepth={1} />}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
