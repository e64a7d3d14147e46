// Progress of a long call: the call streams its steps to `onProgress` while it runs (browser mode: NDJSON over
// HTTP; desktop: IPC events), and 取消 aborts it — the service then rolls its transaction back.
import { useCallback, useRef, useState } from 'react';
import { Box, Button, LinearProgress, Stack, Typography } from '@mui/material';
import type { CallOptions, Progress } from '../../service/contract.js';
import { useT } from '../i18n/i18n.js';

export interface LongCall {
  progress: Progress | null;
  /** Options for one call: a fresh cancel signal and the progress listener. */
  start(): CallOptions;
  cancel(): void;
}

export function useLongCall(): LongCall {
  const [progress, setProgress] = useState<Progress | null>(null);
  const controller = useRef<AbortController | null>(null);
  const start = useCallback((): CallOptions => {
    const c = new AbortController();
    controller.current = c;
    setProgress(null);
    return { signal: c.signal, onProgress: (p) => { if (!c.signal.aborted) setProgress(p); } };
  }, []);
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { progress, start, cancel };
}

export function ProgressLine({ progress, label, onCancel }: { progress: Progress | null; label?: string; onCancel?: () => void }) {
  const t = useT('common');
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const file = progress?.file ? t('progress.file', { name: progress.file.split(/[\\/]/).pop() ?? '' }) : '';
  return (
    <Box data-testid="progress" role="status">
      <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? undefined} />
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography variant="caption" color="text.secondary">
          {progress ? t('progress.step', { step: progress.step, file, done: progress.done, total: progress.total }) : (label ?? t('processing'))}
        </Typography>
        {onCancel && <Button size="small" onClick={onCancel} data-testid="cancel-long-call">{t('cancel')}</Button>}
      </Stack>
    </Box>
  );
}
