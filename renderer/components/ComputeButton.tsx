// Runs 'indicators/compute' for a year with its streamed progress and a cancel button; the workspace is read
// again when it is done, so every page shows the new results. When it is done, a confirmation says what was
// computed (the year, the run, districts, units, values, the time it took) with a link to the results.
import { useState } from 'react';
import { Alert, Button, Stack } from '@mui/material';
import type { Result } from '../../service/contract.js';
import { useWorkstation } from '../workstation.js';
import { LongCallButton } from './LongCallButton.js';
import { formatCount } from './format.js';
import { useT } from '../i18n/i18n.js';

type Summary = Result<'indicators/compute'>;

export function ComputeButton({ year, variant = 'contained', onDone }: { year: number; variant?: 'contained' | 'outlined'; onDone?: (s: Summary) => void }) {
  const w = useWorkstation();
  const t = useT('common');
  const [done, setDone] = useState<{ summary: Summary; seconds: number } | null>(null);
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <LongCallButton label={t('compute.button', { year })} busyLabel={t('compute.busy')} variant={variant} testId="compute-button"
        run={async (options) => {
          setDone(null);
          const started = performance.now();
          const summary = await w.client.call('indicators/compute', { year }, options);
          setDone({ summary, seconds: (performance.now() - started) / 1000 });
          onDone?.(summary);
          w.refresh();
        }} />
      {done && (
        <Alert severity="success" data-testid="compute-done"
          action={<Button color="inherit" size="small" onClick={() => w.go({ page: 'overview' })} data-testid="compute-done-results">{t('compute.results')}</Button>}>
          {t('compute.done', {
            year: done.summary.year, run: done.summary.runId, districts: formatCount(Math.max(0, done.summary.entities - 1)),
            units: formatCount(w.info.units), values: formatCount(done.summary.values), seconds: done.seconds.toFixed(1),
          })}
        </Alert>
      )}
    </Stack>
  );
}
