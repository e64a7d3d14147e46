// The app shell: title bar with the theme switch, the page tabs and the year, and the page of the route.
import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, AppBar, Box, Button, Container, Paper, Stack, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import type { ApiClient, WorkspaceInfo } from '../service/contract.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import type { DatasetLabel } from '../service/queries/datasets-list.js';
import { useApi } from './hooks/use-api.js';
import { useRoute } from './hooks/use-route.js';
import { Picker } from './components/Selectors.js';
import { Loading } from './components/Feedback.js';
import { WorkstationContext, type Workstation } from './workstation.js';
import type { ThemeMode } from './theme.js';
import { OverviewPage } from './pages/OverviewPage.js';
import { DistrictPage } from './pages/DistrictPage.js';
import { ImportPage } from './pages/ImportPage.js';
import { UnitsPage } from './pages/UnitsPage.js';
import { ScoresPage } from './pages/ScoresPage.js';
import { WatchlistPage } from './pages/WatchlistPage.js';
import { FiveYearPage } from './pages/FiveYearPage.js';
import { ReportsPage } from './pages/ReportsPage.js';
import { QualityPage } from './pages/QualityPage.js';
import { WorkspacePage } from './pages/WorkspacePage.js';
import { SettingsPage } from './pages/SettingsPage.js';

export const APP_TITLE = '生态环境分区管控跟踪评估工作站';

const PAGES = [
  { page: 'overview', label: '指标总览', Page: OverviewPage },
  { page: 'district', label: '区县详情', Page: DistrictPage },
  { page: 'import', label: '数据导入', Page: ImportPage },
  { page: 'units', label: '管控单元', Page: UnitsPage },
  { page: 'scores', label: '评分', Page: ScoresPage },
  { page: 'watchlist', label: '预警清单', Page: WatchlistPage },
  { page: 'five-year', label: '五年评估', Page: FiveYearPage },
  { page: 'reports', label: '报告', Page: ReportsPage },
  { page: 'quality', label: '数据质量', Page: QualityPage },
  { page: 'workspace', label: '工作空间', Page: WorkspacePage },
  { page: 'settings', label: '设置', Page: SettingsPage },
] as const;

interface Basics {
  info: WorkspaceInfo;
  catalogue: Catalogue;
  datasets: DatasetLabel[];
}

export function App({ client, mode = 'light', onToggleMode }: { client: ApiClient; mode?: ThemeMode; onToggleMode?: () => void }) {
  const [revision, setRevision] = useState(0);
  const loaded = useApi(`basics/${revision}`, async (): Promise<Basics> => {
    const [info, catalogue, datasets] = await Promise.all([client.call('workspace/info', {}), client.call('catalogue/show', {}),
      // Labels only: an older server without the operation leaves names as they are.
      client.call('datasets/list', {}).catch(() => [])]);
    return { info, catalogue, datasets };
  });
  // While the basics are read again after a change, the page keeps showing the previous ones.
  const last = useRef<Basics | null>(null);
  if (loaded.state === 'done') last.current = loaded.data;
  const basics = last.current;
  const refresh = useCallback(() => setRevision((r) => r + 1), []);

  return (
    <Box sx={{ minHeight: '100vh', bgcolor: 'background.default' }}>
      <AppBar position="static" elevation={0}>
        <Toolbar>
          <Typography variant="h6" component="h1" sx={{ fontWeight: 600 }}>{APP_TITLE}</Typography>
          <Box sx={{ flex: 1 }} />
          {basics && <Typography variant="body2" sx={{ mr: 2, opacity: 0.85 }} data-testid="workspace-path">{basics.info.path.split(/[\\/]/).pop()}</Typography>}
          <Tooltip title={mode === 'light' ? '切换到深色主题' : '切换到浅色主题'}>
            <Button color="inherit" variant="outlined" size="small" onClick={onToggleMode} data-testid="theme-toggle">
              {mode === 'light' ? '深色' : '浅色'}
            </Button>
          </Tooltip>
        </Toolbar>
      </AppBar>
      {loaded.state === 'error' && !basics && <Container maxWidth="xl" sx={{ py: 3 }}><Alert severity="error">{loaded.message}</Alert></Container>}
      {!basics && loaded.state !== 'error' && <Loading />}
      {basics && <Shell client={client} basics={basics} refresh={refresh} revision={revision} />}
    </Box>
  );
}

function Shell({ client, basics, refresh, revision }: { client: ApiClient; basics: Basics; refresh: () => void; revision: number }) {
  const [route, go] = useRoute();
  const years = useMemo(() => [...new Set([...basics.info.computedYears, ...basics.info.years])].sort((a, b) => b - a), [basics.info]);
  const [chosenYear, setYear] = useState<number | undefined>(undefined);
  const year = chosenYear ?? [...basics.info.computedYears].sort((a, b) => b - a)[0] ?? years[0];
  const w: Workstation = { client, ...basics, years, year, setYear, go, refresh, revision };
  const current = PAGES.find((p) => p.page === route.page) ?? PAGES[0];
  const Page = current.Page;
  return (
    <WorkstationContext.Provider value={w}>
      <Paper square elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Container maxWidth="xl">
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Tabs value={current.page} onChange={(_e, page: string) => go({ page })} variant="scrollable" aria-label="页面" sx={{ flex: 1 }}>
              {PAGES.map((p) => <Tab key={p.page} value={p.page} label={p.label} data-testid={`nav-${p.page}`} />)}
            </Tabs>
            {year !== undefined && (
              <Picker id="year-select" label="年度" value={year} onChange={setYear}
                choices={years.map((y) => ({ value: y, label: `${y}年${basics.info.computedYears.includes(y) ? '' : '（未计算）'}` }))} />
            )}
          </Stack>
        </Container>
      </Paper>
      <Container maxWidth="xl" sx={{ py: 3 }}>
        <Page id={route.id} />
      </Container>
    </WorkstationContext.Provider>
  );
}
