// Runs 'indicators/compute' for a year with its streamed progress and a cancel button; the workspace is read
// again when it is done, so every page shows the new results.
import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import { useWorkstation } from '../workstation.js';
import { errorMessage } from '../hooks/use-api.js';
import { ProgressLine, useLongCall } from './Progress.js';
import { useT } from '../i18n/i18n.js';

export function ComputeButton({ year, variant = 'contained' }: { year: number; variant?: 'contained' | 'outlined' }) {
  const w = useWorkstation();
  const t = useT('common');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = useLongCall();
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await w.client.call('indicators/compute', { year }, call.start());
      w.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} sx={{ minWidth: 260 }}>
      <Button variant={variant} onClick={run} disabled={busy} data-testid="compute-button">{busy ? t('compute.busy') : t('compute.button', { year })}</Button>
      {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} />}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
