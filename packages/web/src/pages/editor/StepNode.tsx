import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { StepFlowNode } from './flow-elements.ts';
import { ERROR_PORT } from './ports.ts';
import { problemCount } from './problems.ts';

/** Colour of a category's stripe (the category is also written out, so colour is never alone). */
export function categoryColor(category: string | undefined): string {
  switch (category) {
    case 'ai':
      return 'var(--template)';
    case 'data':
      return 'var(--run)';
    case 'flow':
      return 'var(--wait)';
    case 'io':
      return 'var(--ok)';
    default:
      return 'var(--accent)';
  }
}

const TEST_ICON: Record<string, string> = { succeeded: '✓', failed: '✕', waiting: '⏸' };

/**
 * A workflow node on the canvas: one input on the left, one handle per output port on the right
 * (labelled when there are several), the error port small at the bottom, and a marker with the
 * node's validation problems.
 */
export const StepNode = memo(function StepNode({ id, data, selected }: NodeProps<StepFlowNode>) {
  const { node, info, ports, problems, test } = data;
  const title = node.name?.trim() || node.id;
  const labelled = ports.length > 1;
  const messages = problems.map((p) => p.message).join('\n');
  return (
    <div
      className={`step-node${selected ? ' selected' : ''}${problems.length ? ' has-problems' : ''}`}
      data-testid={`node-${id}`}
      style={{ ['--stripe' as string]: categoryColor(info?.category) }}
    >
      <Handle type="target" position={Position.Left} id="in" className="step-handle" data-testid={`handle-in-${id}`} title={`Input of ${id}`} />
      <div className="step-head">
        <div className="step-title" title={title}>
          {title}
        </div>
        {problems.length > 0 && (
          <span className="step-problems" role="img" aria-label={problemCount(problems.length)} title={messages}>
            ! {problems.length}
          </span>
        )}
        {test && (
          <span className={`step-test badge ${test}`} title={`Last test: ${test}`}>
            <span aria-hidden="true">{TEST_ICON[test] ?? '•'}</span>
            <span className="visually-hidden">Last test {test}</span>
          </span>
        )}
      </div>
      <div className="step-type">
        <span>{info?.title ?? node.type}</span>
        {node.name?.trim() ? <code>{node.id}</code> : info ? <span className="step-category">{info.category}</span> : <span className="step-unknown">unknown type</span>}
      </div>
      {labelled ? (
        <ul className="step-ports" aria-label="Output ports">
          {ports.map((port) => (
            <li key={port} className="step-port">
              {port}
              <Handle
                type="source"
                position={Position.Right}
                id={port}
                className="step-handle"
                data-testid={`handle-out-${id}-${port}`}
                title={`Output ${port} of ${id}`}
              />
            </li>
          ))}
        </ul>
      ) : (
        <Handle
          type="source"
          position={Position.Right}
          id={ports[0] ?? 'out'}
          className="step-handle"
          data-testid={`handle-out-${id}-out`}
          title={`Output of ${id}`}
        />
      )}
      <div className="step-port step-error-port">
        {ERROR_PORT}
        <Handle
          type="source"
          position={Position.Right}
          id={ERROR_PORT}
          className="step-handle error"
          data-testid={`handle-out-${id}-${ERROR_PORT}`}
          title={`Error output of ${id}`}
        />
      </div>
    </div>
  );
});
