// Loading, failure and empty states, the same on every page. An empty state always says what to do next.
import type { ReactNode } from 'react';
import { Alert, Box, Button, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import type { Loaded } from '../hooks/use-api.js';
import { useT } from '../i18n/i18n.js';

export function Loading({ label: given }: { label?: string }) {
  const t = useT('common');
  const label = given ?? t('loading');
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', alignItems: 'center', gap: 1.5, py: 6 }}>
      <CircularProgress aria-label={label} size={28} />
      <Typography color="text.secondary">{t('loadingEllipsis', { label })}</Typography>
    </Box>
  );
}

export function Empty({ title, next, action }: { title: string; next: string; action?: { label: string; onClick: () => void } }) {
  return (
    <Paper variant="outlined" sx={{ p: 4, textAlign: 'center' }} data-testid="empty-state">
      <Stack spacing={1.5} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" component="p">{title}</Typography>
        <Typography color="text.secondary">{next}</Typography>
        {action && <Button variant="contained" onClick={action.onClick}>{action.label}</Button>}
      </Stack>
    </Paper>
  );
}

/** Renders the loaded data, or the loading / error state in its place. */
export function Show<T>({ loaded, label, children }: { loaded: Loaded<T>; label?: string; children: (data: T) => ReactNode }) {
  if (loaded.state === 'error') return <Alert severity="error">{loaded.message}</Alert>;
  if (loaded.state !== 'done') return <Loading label={label} />;
  return <>{children(loaded.data)}</>;
}
