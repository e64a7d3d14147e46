// A dialog that asks before an action: Enter confirms (it is a form), Escape or 取消 closes. While the action runs
// the buttons are disabled; a failure is shown in the dialog, which stays open.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { errorMessage } from '../hooks/use-api.js';
import { useT } from '../i18n/i18n.js';

export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** False keeps the confirm button disabled (e.g. a required field is empty). */
  ready?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  testId?: string;
}) {
  const { title, children, confirmLabel, danger = false, ready = true, onConfirm, onClose, testId } = props;
  const t = useT('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (busy || !ready) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => { if (!busy) onClose(); }} data-testid={testId}>
      <form onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {children}
        {error && <Alert severity="error" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>{t('cancel')}</Button>
        <Button type="submit" variant="contained" color={danger ? 'error' : 'primary'} disabled={busy || !ready} autoFocus>
          {busy ? t('processing') : confirmLabel}
        </Button>
      </DialogActions>
      </form>
    </Dialog>
  );
}
