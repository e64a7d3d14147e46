// The bar at the top of each page: its title and its pickers.
import type { ReactNode } from 'react';
import { Paper, Stack, Typography } from '@mui/material';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1.5 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ mr: 1 }}>{title}</Typography>
        {children}
      </Stack>
    </Paper>
  );
}
