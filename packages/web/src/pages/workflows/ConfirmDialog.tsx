import { useState, type ReactNode } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import { errorText } from '../../ui/toasts.tsx';
import './forms.css';

/**
 * Asks before something that cannot be undone. `onConfirm` may fail: the dialog then stays open and
 * says why, so the user can try again or cancel.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  children,
  onConfirm,
  onClose,
}: {
  title: string;
  confirmLabel: string;
  children: ReactNode;
  onConfirm: () => Promise<unknown>;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  return (
    <Modal title={title} open onClose={onClose}>
      <div className="confirm-text">{children}</div>
      {error !== undefined && (
        <p className="field-error" role="alert">
          {errorText(error)}
        </p>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            onConfirm().then(onClose, (e: unknown) => {
              setError(e);
              setBusy(false);
            });
          }}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Modal>
  );
}
