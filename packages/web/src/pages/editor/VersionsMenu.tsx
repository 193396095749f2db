import { useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@weft/api';
import { useEffect, useId, useRef, useState } from 'react';
import { call } from '../../api/client.ts';
import { keys } from '../../api/queries.ts';
import { dateTime, timeAgo } from '../../ui/format.ts';
import { errorText } from '../../ui/toasts.tsx';
import type { Draft } from './types.ts';

export interface VersionsMenuProps {
  workflowId: string;
  /** The version the draft was loaded from, marked in the list. */
  viewing: number | undefined;
  /** Unsaved changes: asked about before a version replaces them. */
  dirty: boolean;
  /** A version was chosen: its definition becomes the draft. */
  onOpen(definition: Draft, version: number): void;
}

/** The "Versions" button and its panel: every saved version, newest first; choosing one opens it. */
export function VersionsMenu(props: VersionsMenuProps) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // Escape or a click anywhere else closes the panel, as a menu would.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      if (wrapper.current?.contains(document.activeElement)) toggle.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div className="versions-menu" ref={wrapper}>
      <button
        ref={toggle}
        type="button"
        className="small"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        title="Saved versions of this workflow"
      >
        Versions
      </button>
      {open && (
        <VersionsPanel
          id={panelId}
          {...props}
          onOpen={(definition, version) => {
            props.onOpen(definition, version);
            close();
          }}
          onClose={close}
        />
      )}
    </div>
  );
}

function VersionsPanel({
  id,
  workflowId,
  viewing,
  dirty,
  onOpen,
  onClose,
}: VersionsMenuProps & { id: string; onClose(): void }) {
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: keys.versions(workflowId),
    queryFn: ({ signal }) => call(apiRoutes.listWorkflowVersions, { params: { id: workflowId }, signal }),
    select: (data) => data.versions,
  });
  const [opening, setOpening] = useState<number>();
  const [failure, setFailure] = useState<string>();
  const latest = versions.data?.[0]?.version;

  const choose = async (version: number) => {
    if (version === viewing && !dirty) return onClose();
    if (
      dirty &&
      !window.confirm(
        `Open version ${version}? Your unsaved changes will be replaced (Undo brings them back).`,
      )
    )
      return;
    setOpening(version);
    setFailure(undefined);
    try {
      // Versions never change once saved, so one fetch of each is enough.
      const detail = await queryClient.fetchQuery({
        queryKey: keys.workflow(workflowId, version),
        queryFn: ({ signal }) =>
          call(apiRoutes.getWorkflow, {
            params: { id: workflowId },
            query: { version: String(version) },
            signal,
          }),
        staleTime: Infinity,
      });
      onOpen(detail.version.definition as Draft, version);
    } catch (error) {
      setFailure(`Version ${version} did not open: ${errorText(error)}`);
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <div id={id} className="versions-panel" role="group" aria-label="Saved versions">
      {versions.isPending ? (
        <p className="muted">Loading versions…</p>
      ) : versions.isError ? (
        <p role="alert">
          Versions did not load: {errorText(versions.error)}{' '}
          <button type="button" className="small" onClick={() => void versions.refetch()}>
            Retry
          </button>
        </p>
      ) : (
        <ol className="versions-list">
          {versions.data.map((v) => (
            <li key={v.version}>
              <button
                type="button"
                className="ghost version-option"
                aria-label={`Open version ${v.version}`}
                aria-describedby={`${id}-v${v.version}`}
                aria-current={v.version === viewing ? 'true' : undefined}
                disabled={opening !== undefined}
                onClick={() => void choose(v.version)}
              >
                <span id={`${id}-v${v.version}`} title={dateTime(v.createdAt)}>
                  <strong>v{v.version}</strong> · {timeAgo(v.createdAt)}
                  {v.version === latest && <span className="chip">latest</span>}
                  {v.version === viewing && <span className="chip viewing">viewing</span>}
                  {v.version === opening && <span className="spinner" aria-hidden="true" />}
                </span>
              </button>
            </li>
          ))}
        </ol>
      )}
      {failure && (
        <p role="alert" className="versions-failure">
          {failure}
        </p>
      )}
    </div>
  );
}
