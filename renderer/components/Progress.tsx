// Progress of a long call: while `active`, poll 'progress/latest' (the service's last reported step) twice a
// second. Only steps reported after the call began are shown.
import { useEffect, useState } from 'react';
import { Box, LinearProgress, Typography } from '@mui/material';
import type { ProgressEvent } from '../../service/contract.js';
import { useWorkstation } from '../workstation.js';

export function useProgress(active: boolean): ProgressEvent | null {
  const { client } = useWorkstation();
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  useEffect(() => {
    if (!active) return;
    const since = Date.now();
    setProgress(null);
    let stopped = false;
    const poll = async () => {
      try {
        const p = await client.call('progress/latest', {});
        if (!stopped && p && p.at >= since) setProgress(p);
      } catch { /* an older server without progress: the bar stays indeterminate */ }
    };
    const timer = setInterval(() => { void poll(); }, 500);
    return () => { stopped = true; clearInterval(timer); };
  }, [active, client]);
  return active ? progress : null;
}

export function ProgressLine({ progress, label }: { progress: ProgressEvent | null; label?: string }) {
  const pct = progress && progress.total > 0 ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const file = progress?.file ? `：${progress.file.split(/[\\/]/).pop()}` : '';
  return (
    <Box data-testid="progress" role="status">
      <LinearProgress variant={pct === null ? 'indeterminate' : 'determinate'} value={pct ?? undefined} />
      <Typography variant="caption" color="text.secondary">
        {progress ? `${progress.step}${file}（${progress.done}/${progress.total}）` : (label ?? '正在处理…')}
      </Typography>
    </Box>
  );
}
