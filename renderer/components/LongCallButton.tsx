// A button that starts a long call (compute, five-year evaluation): while it runs, its streamed progress and 取消;
// if it fails, the service's message.
import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import type { CallOptions } from '../../service/contract.js';
import { errorMessage } from '../hooks/use-api.js';
import { ProgressLine, useLongCall } from './Progress.js';

export function LongCallButton({ label, busyLabel, variant = 'contained', testId, run }: {
  label: string;
  busyLabel: string;
  variant?: 'contained' | 'outlined';
  testId?: string;
  /** The call, given the options that carry its progress and cancel signal. */
  run: (options: CallOptions) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = useLongCall();
  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      await run(call.start());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} sx={{ minWidth: 260 }}>
      <Button variant={variant} onClick={() => void start()} disabled={busy} data-testid={testId}>{busy ? busyLabel : label}</Button>
      {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} />}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}
