// Runs 'indicators/compute' for a year with its streamed progress and a cancel button; the workspace is read
// again when it is done, so every page shows the new results.
import { useWorkstation } from '../workstation.js';
import { LongCallButton } from './LongCallButton.js';
import { useT } from '../i18n/i18n.js';

export function ComputeButton({ year, variant = 'contained' }: { year: number; variant?: 'contained' | 'outlined' }) {
  const w = useWorkstation();
  const t = useT('common');
  return (
    <LongCallButton label={t('compute.button', { year })} busyLabel={t('compute.busy')} variant={variant} testId="compute-button"
      run={async (options) => {
        await w.client.call('indicators/compute', { year }, options);
        w.refresh();
      }} />
  );
}
