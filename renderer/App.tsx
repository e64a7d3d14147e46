// The app shell: title bar, year and indicator pickers, and the 区县排名 view.
import { useState } from 'react';
import { Alert, AppBar, Box, CircularProgress, Container, Paper, Stack, Toolbar, Typography } from '@mui/material';
import type { ApiClient, WorkspaceInfo } from '../service/contract.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import { useApi } from './hooks/use-api.js';
import { Picker } from './components/Selectors.js';
import { RankingView } from './components/RankingView.js';

export const APP_TITLE = '生态环境分区管控跟踪评估工作站';

interface Basics {
  info: WorkspaceInfo;
  catalogue: Catalogue;
}

export function App({ client }: { client: ApiClient }) {
  const basics = useApi('basics', async (): Promise<Basics> => {
    const [info, catalogue] = await Promise.all([client.call('workspace/info', {}), client.call('catalogue/show', {})]);
    return { info, catalogue };
  });
  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 600 }}>{APP_TITLE}</Typography>
        </Toolbar>
      </AppBar>
      <Container maxWidth="lg" sx={{ py: 3 }}>
        {basics.state === 'error' && <Alert severity="error">{basics.message}</Alert>}
        {(basics.state === 'loading' || basics.state === 'idle') && (
          <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}><CircularProgress aria-label="正在加载" /></Box>
        )}
        {basics.state === 'done' && <Workstation client={client} {...basics.data} />}
      </Container>
    </Box>
  );
}

function Workstation({ client, info, catalogue }: { client: ApiClient } & Basics) {
  const years = [...info.computedYears].sort((a, b) => b - a);
  const indicators = catalogue.indicators;
  const [year, setYear] = useState<number | undefined>(years[0]);
  // PM2.5 is the figure a bureau looks at first; otherwise the catalogue's first indicator
  const [indicator, setIndicator] = useState<string | undefined>(indicators.find((i) => i.id === 'C1')?.id ?? indicators[0]?.id);

  if (year === undefined) return <Alert severity="info">尚未计算指标，请先运行 zonetrack compute</Alert>;
  if (indicator === undefined) return <Alert severity="warning">指标体系中没有指标，请检查指标体系文件</Alert>;

  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5 }}>
          <Typography variant="h6" component="h2" sx={{ mr: 1 }}>区县排名</Typography>
          <Picker id="year-select" label="年度" value={year} onChange={setYear}
            choices={years.map((y) => ({ value: y, label: `${y}年` }))} />
          <Picker id="indicator-select" label="指标" value={indicator} onChange={setIndicator} minWidth={260}
            choices={indicators.map((i) => ({ value: i.id, label: `${i.id} ${i.name}` }))} />
        </Stack>
      </Paper>
      <RankingView client={client} year={year} indicator={indicator} />
    </Stack>
  );
}
