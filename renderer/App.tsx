// The app shell: title bar with the theme switch, the page tabs, the year and the cycle, and the page of the route.
import { lazy, Suspense, useCallback, useMemo, useRef, useState } from 'react';
import { Alert, AppBar, Box, Button, Chip, Container, Paper, Stack, Tab, Tabs, Toolbar, Tooltip, Typography } from '@mui/material';
import type { ApiClient, WorkspaceInfo } from '../service/contract.js';
import type { Catalogue } from '../indicators/catalogue/schema.js';
import type { DatasetLabel } from '../service/queries/datasets-list.js';
import type { CycleSetting, WorkspaceSettings } from '../analytics/settings/workspace-settings.js';
import { useApi } from './hooks/use-api.js';
import { useRoute } from './hooks/use-route.js';
import { Picker } from './components/Selectors.js';
import { Loading } from './components/Feedback.js';
import { WorkstationContext, type Workstation } from './workstation.js';
import { useUnsavedDraftsGuard } from './report-drafts.js';
import type { ThemeMode } from './theme.js';
import type { ComponentType } from 'react';

// Pages load on first visit (one chunk each): the first load fetches the shell and the page it opens, not all of them.
// One row per page: its route, its tab's label, and its loader.
type PageComponent = ComponentType<{ id?: string }>;
const PAGE_LOADERS = [
  ['overview', 'nav.overview', async () => (await import('./pages/OverviewPage.js')).OverviewPage],
  ['district', 'nav.district', async () => (await import('./pages/DistrictPage.js')).DistrictPage],
  ['import', 'nav.import', async () => (await import('./pages/ImportPage.js')).ImportPage],
  ['units', 'nav.units', async () => (await import('./pages/UnitsPage.js')).UnitsPage],
  ['map', 'nav.map', async () => (await import('./pages/MapPage.js')).MapPage],
  ['scores', 'nav.scores', async () => (await import('./pages/ScoresPage.js')).ScoresPage],
  ['watchlist', 'nav.watchlist', async () => (await import('./pages/WatchlistPage.js')).WatchlistPage],
  ['access', 'nav.access', async () => (await import('./pages/AccessPage.js')).AccessPage],
  ['five-year', 'nav.fiveYear', async () => (await import('./pages/FiveYearPage.js')).FiveYearPage],
  ['reports', 'nav.reports', async () => (await import('./pages/ReportsPage.js')).ReportsPage],
  ['submissions', 'nav.submissions', async () => (await import('./pages/SubmissionsPage.js')).SubmissionsPage],
  ['quality', 'nav.quality', async () => (await import('./pages/QualityPage.js')).QualityPage],
  ['workspace', 'nav.workspace', async () => (await import('./pages/WorkspacePage.js')).WorkspacePage],
  ['settings', 'nav.settings', async () => (await import('./pages/SettingsPage.js')).SettingsPage],
] as const satisfies ReadonlyArray<readonly [string, string, () => Promise<PageComponent>]>;
const PAGES = PAGE_LOADERS.map(([page, label, load]) => ({ page, label, Page: lazy(async () => ({ default: await load() })) }));
import { LANGUAGES, setLanguage, useLanguage, useT, type Language } from './i18n/i18n.js';

interface Basics {
  info: WorkspaceInfo;
  catalogue: Catalogue;
  datasets: DatasetLabel[];
  settings: WorkspaceSettings;
}

export function App({ client, mode = 'light', onToggleMode }: { client: ApiClient; mode?: ThemeMode; onToggleMode?: () => void }) {
  const t = useT('common');
  const language = useLanguage();
  // the app bar offers the other language, named in its own script (the full choice is on 设置)
  const other: Language = language === 'zh' ? 'en' : 'zh';
  const otherLabel = LANGUAGES.find((l) => l.value === other)?.label ?? other;
  const [revision, setRevision] = useState(0);
  const loaded = useApi(`basics/${revision}`, async (): Promise<Basics> => {
    const [info, catalogue, datasets, settings] = await Promise.all([client.call('workspace/info', {}), client.call('catalogue/show', {}),
      // Labels only: an older server without the operation leaves names as they are.
      client.call('datasets/list', {}).catch(() => []), client.call('settings/get', {})]);
    return { info, catalogue, datasets, settings };
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
          <Typography variant="h6" component="h1" sx={{ fontWeight: 600 }}>{t('appTitle')}</Typography>
          <Box sx={{ flex: 1 }} />
          {basics && <Typography variant="body2" sx={{ mr: 2, opacity: 0.85 }} data-testid="workspace-path">{basics.info.path.split(/[\\/]/).pop()}</Typography>}
          <Button color="inherit" size="small" lang={other === 'zh' ? 'zh-CN' : 'en'} sx={{ mr: 1 }} onClick={() => void setLanguage(other)}
            aria-label={`${t('language.label')}: ${otherLabel}`} data-testid="language-toggle">{otherLabel}</Button>
          <Tooltip title={mode === 'light' ? t('theme.toDark') : t('theme.toLight')}>
            <Button color="inherit" variant="outlined" size="small" onClick={onToggleMode} data-testid="theme-toggle">
              {mode === 'light' ? t('theme.dark') : t('theme.light')}
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
  const t = useT('common');
  const language = useLanguage();
  const [route, go] = useRoute();
  useUnsavedDraftsGuard(basics.info.path);
  const years = useMemo(() => [...new Set([...basics.info.computedYears, ...basics.info.years])].sort((a, b) => b - a), [basics.info]);
  const [chosenYear, setYear] = useState<number | undefined>(undefined);
  const year = chosenYear ?? [...basics.info.computedYears].sort((a, b) => b - a)[0] ?? years[0];
  const setCycle = useCallback(async (cycle: CycleSetting) => {
    await client.call('settings/set', { cycle });
    refresh();
  }, [client, refresh]);
  const w: Workstation = { client, ...basics, cycle: basics.settings.cycle, setCycle, years, year, setYear, go, refresh, revision };
  const current = PAGES.find((p) => p.page === route.page) ?? PAGES[0]!;
  const Page = current.Page;
  return (
    <WorkstationContext.Provider value={w}>
      <Paper square elevation={0} sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Container maxWidth="xl">
          <Stack direction="row" sx={{ alignItems: 'center' }}>
            <Tabs value={current.page} onChange={(_e, page: string) => go({ page })} variant="scrollable" aria-label={t('nav.label')}
              // English labels are longer than the Chinese ones: tabs as wide as their words, so all eleven fit
              sx={{ flex: 1, ...(language === 'en' && { '& .MuiTab-root': { minWidth: 0, px: 1.5 } }) }}>
              {PAGES.map((p) => <Tab key={p.page} value={p.page} label={t(p.label)} data-testid={`nav-${p.page}`} />)}
            </Tabs>
            <Chip size="small" variant="outlined" color="primary" sx={{ mr: 1.5 }} data-testid="cycle-chip"
              label={t(w.cycle === 'five-year' ? 'cycle.fiveYear' : 'cycle.annual')} />
            {year !== undefined && (
              <Picker id="year-select" label={t('year.label')} value={year} onChange={setYear}
                choices={years.map((y) => ({ value: y, label: t(basics.info.noDataYears.includes(y) ? 'year.noData' : basics.info.computedYears.includes(y) ? 'year.option' : 'year.notComputed', { year: y }) }))} />
            )}
          </Stack>
        </Container>
      </Paper>
      <Container maxWidth="xl" sx={{ py: 3 }}>
        <Suspense fallback={<Loading />}><Page id={route.id} /></Suspense>
      </Container>
    </WorkstationContext.Provider>
  );
}
