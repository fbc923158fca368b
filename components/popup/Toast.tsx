import { useEffect } from 'preact/hooks';
import { t } from '../../lib/shared/i18n';

export interface ToastState {
  message: string;
  /** An action such as Undo. */
  action?: { label: string; run: () => void };
  /** ms; default 6 s, 10 s with an action. */
  timeout?: number;
  /** Distinguishes two toasts with the same text (restarts the timer). */
  key?: number;
  error?: boolean;
}

/** A one-line status at the bottom (role=status: read out without moving focus). */
export function Toast({ toast, onClose }: { toast: ToastState | null; onClose: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const ms = toast.timeout ?? (toast.action ? 10_000 : 6_000);
    const id = setTimeout(onClose, ms);
    return () => clearTimeout(id);
  }, [toast]);
  return (
    <div class="toast-region" role="status" aria-live="polite">
      {toast ? (
        <div class={toast.error ? 'toast error' : 'toast'}>
          <span class="toast-text">{toast.message}</span>
          {toast.action ? (
            <button
              type="button"
              class="toast-action"
              onClick={() => {
                toast.action!.run();
                onClose();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            class="toast-close"
            aria-label={t('popup_close')}
            title={t('popup_close')}
            onClick={onClose}
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
