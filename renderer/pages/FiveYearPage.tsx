// 五年评估: the five years ending in the chosen year, with the year before as baseline. Runs (or refreshes) the
// evaluation with its streamed progress, then shows one indicator's series for the city and every district,
// that indicator's baseline, final value, change, Spearman trend and target completion per district, and every
// indicator of the chosen district or the city. One 'evaluation/five-year' answer per evaluation; the pickers
// re-render from it.
import { useMemo, useState } from 'react';
import { Alert, Box, Button, Chip, Paper, Stack, Typography, useTheme } from '@mui/material';
import { ApiCallError, type Result } from '../../service/contract.js';
import { formatValue } from '../../indicators/value-format.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { EChart } from '../components/EChart.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { STATUS_COLOUR } from '../components/colours.js';
import { useT } from '../i18n/i18n.js';
import { serverWord } from '../i18n/server-words.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { formatTime } from '../components/format.js';

type Evaluation = Result<'evaluation/five-year'>;
type Item = Evaluation['items'][number];

const WINDOW = 5;
/** Change needs a baseline and a final year with data; the trend test needs at least 4 years. */
const MIN_DATA_YEARS = 2;
const TREND_YEARS = 4;

/** The window of an evaluation year: baseline year, then the five years ending in it. */
export function windowYears(year: number): number[] {
  return Array.from({ length: WINDOW + 1 }, (_, i) => year - WINDOW + i);
}

export function FiveYearPage() {
  const w = useWorkstation();
  const t = useT('fiveYear');
  const candidates = w.years;
  const latestWithData = [...w.info.years].sort((a, b) => b - a)[0] ?? candidates[0];
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  // working in the five-year cycle (stored in the workspace): open at the window ending in the year worked on
  const year = chosen ?? (w.cycle === 'five-year' && w.year !== undefined ? w.year : latestWithData);
  if (year === undefined) {
    return <Empty title={t('noData.title')} next={t('noData.next')}
      action={{ label: t('noData.action'), onClick: () => w.go({ page: 'import' }) }} />;
  }
  return <FiveYear year={year} choices={candidates} onYear={setChosen} />;
}

function FiveYear({ year, choices, onYear }: { year: number; choices: number[]; onYear: (y: number) => void }) {
  const w = useWorkstation();
  const t = useT('fiveYear');
  const [rev, setRev] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = useLongCall();
  const span = windowYears(year);
  const dataYears = w.info.years.filter((y) => span.includes(y));
  const loaded = useApi(`five-year/${year}/${rev}/${w.revision}`, async () => {
    try {
      return await w.client.call('evaluation/five-year', { year });
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'NOT_EVALUATED') return null;
      throw e;
    }
  });
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await w.client.call('evaluation/compute-five-year', { year }, call.start());
      setRev((r) => r + 1);
      w.refresh(); // the annual runs of the window are new computed years
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const enough = dataYears.length >= MIN_DATA_YEARS;
  const evaluated = loaded.state === 'done' && loaded.data !== null;
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Picker id="five-year-select" label={t('yearLabel')} value={year} onChange={onYear} minWidth={250}
          choices={choices.map((y) => ({ value: y, label: t('yearOption', { from: y - WINDOW + 1, to: y, baseline: y - WINDOW }) }))} />
        <Button variant={evaluated ? 'outlined' : 'contained'} onClick={() => void run()} disabled={busy || !enough} data-testid="five-year-run">
          {busy ? t('run.busy') : evaluated ? t('run.again') : t('run.first')}
        </Button>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="five-year-data-years">
          {t('dataYears', { years: dataYears.length ? dataYears.join(t('listSeparator')) : t('dataYearsNone'), n: dataYears.length, total: span.length })}
        </Typography>
      </PageHeader>
      {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} label={t('progress')} />}
      {error && <Alert severity="error">{error}</Alert>}
      {!enough
        ? <Empty title={t('notEnough.title', { from: year - WINDOW, to: year, n: dataYears.length })}
          next={t('notEnough.next', { min: MIN_DATA_YEARS, trend: TREND_YEARS })}
          action={{ label: t('noData.action'), onClick: () => w.go({ page: 'import' }) }} />
        : (
          <Show loaded={loaded} label={t('loading')}>{(ev) => ev === null
            ? <Empty title={t('notEvaluated.title', { from: year - WINDOW + 1, to: year })}
              next={t('notEvaluated.next', { baseline: year - WINDOW, to: year })} />
            : <EvaluationView ev={ev} dataYears={dataYears.length} />}</Show>
        )}
    </Stack>
  );
}

function EvaluationView({ ev, dataYears }: { ev: Evaluation; dataYears: number }) {
  const w = useWorkstation();
  const t = useT('fiveYear');
  // Units' measures are for the unit pages and the report; the page shows the catalogue indicators.
  const items = useMemo(() => ev.items.filter((i) => i.kind === 'indicator'), [ev]);
  const entities = useMemo(() => {
    const m = new Map<string, string>();
    for (const i of items) m.set(i.entity, i.entityName);
    return [...m.entries()].sort((a, b) => (a[0] === 'city' ? -1 : b[0] === 'city' ? 1 : a[0].localeCompare(b[0])));
  }, [items]);
  const indicatorIds = useMemo(() => w.catalogue.indicators.map((i) => i.id).filter((id) => items.some((i) => i.id === id)), [items, w.catalogue]);
  const [indicator, setIndicator] = useState(indicatorIds.includes('C1') ? 'C1' : indicatorIds[0]);
  const [entity, setEntity] = useState(entities[0]?.[0] ?? 'city');
  const byEntity = useMemo(() => withDataFirst(items.filter((i) => i.id === indicator)), [items, indicator]);
  const byIndicator = useMemo(() => indicatorIds.flatMap((id) => items.filter((i) => i.id === id && i.entity === entity)), [items, indicatorIds, entity]);
  if (items.length === 0 || indicator === undefined) return <Alert severity="warning">{t('noItems')}</Alert>;
  const significant = items.filter((i) => i.significant).length;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ px: 2, py: 1.5 }} data-testid="five-year-summary">
        <Stack direction="row" spacing={3} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'baseline' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('summary.window', { from: ev.fromYear, to: ev.toYear, baseline: ev.baselineYear })}</Typography>
          <Typography variant="body2">{t('summary.counts', { entities: entities.length, items: items.length, significant })}</Typography>
          {ev.foldsAnnual && <Chip size="small" variant="outlined" label={t('summary.folds', { year: ev.toYear })} />}
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {t('summary.computed', { time: formatTime(ev.computedAt), id: ev.evaluationId })}
          </Typography>
        </Stack>
      </Paper>
      {!w.info.years.includes(ev.baselineYear) && (
        <Alert severity="warning">{t('noBaseline', { year: ev.baselineYear })}</Alert>
      )}
      {dataYears < TREND_YEARS && (
        <Alert severity="info">{t('fewYears', { n: dataYears, trend: TREND_YEARS })}</Alert>
      )}
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', rowGap: 1.5 }}>
        <Picker id="five-year-indicator" label={t('indicator')} value={indicator} onChange={setIndicator} minWidth={280}
          choices={indicatorIds.map((id) => ({ value: id, label: `${id} ${w.catalogue.indicators.find((i) => i.id === id)?.name ?? ''}` }))} />
        <Picker id="five-year-entity" label={t('entity')} value={entity} onChange={setEntity} minWidth={200}
          choices={entities.map(([code, name]) => ({ value: code, label: name }))} />
      </Stack>
      <Paper variant="outlined" sx={{ p: 1 }}>
        <Typography variant="subtitle2" sx={{ px: 1 }}>{t('multiples', { entity: entities.find((e) => e[0] === entity)?.[1] ?? entity })}</Typography>
        <SmallMultiples ev={ev} items={items} ids={indicatorIds} indicator={indicator} entity={entity} onPick={setIndicator} />
      </Paper>
      <Paper variant="outlined">
            <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }} data-testid="five-year-by-entity-title">{t('byEntity', { indicator, name: items.find((i) => i.id === indicator)?.name ?? '' })}</Typography>
            <ItemTable ev={ev} rows={byEntity} label={entityLabel} selected={entity} rowId={entityId}
              onPick={(i) => setEntity(i.entity)} testId="five-year-by-entity" exportName={t('exportByEntity', { indicator, from: ev.fromYear, to: ev.toYear })} />
      </Paper>
      <Paper variant="outlined">
        <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }}>{t('byIndicator', { entity: entities.find((e) => e[0] === entity)?.[1] ?? entity })}</Typography>
        <ItemTable ev={ev} rows={byIndicator} label={indicatorLabel} rowId={indicatorId}
          selected={indicator} onPick={(i) => setIndicator(i.id)} testId="five-year-by-indicator" yearly
          exportName={t('exportByIndicator', { entity: entities.find((e) => e[0] === entity)?.[1] ?? entity, from: ev.fromYear, to: ev.toYear })} />
      </Paper>
    </Stack>
  );
}

const entityLabel = (i: Item) => i.entityName;
const entityId = (i: Item) => i.entity;
const indicatorLabel = (i: Item) => `${i.id} ${i.name}`;
const indicatorId = (i: Item) => i.id;
const hasData = (i: Item) => i.baseline !== null || i.values.some((v) => v.value !== null);

/** Entities with values of the window first (the city leads), then those without any (no data imported for them). */
function withDataFirst(rows: Item[]): Item[] {
  return [...rows.filter(hasData), ...rows.filter((i) => !hasData(i))];
}

/** Small multiples: one small chart per indicator for the chosen entity, all on the same years (baseline to final
 *  year), the city thin and grey beside a district, the target dashed; the chosen indicator framed; a click picks
 *  the indicator of the tables. Four charts a row, so it never overflows at 1366 px. */
function SmallMultiples({ ev, items, ids, indicator, entity, onPick }: {
  ev: Evaluation; items: Item[]; ids: string[]; indicator: string; entity: string; onPick: (id: string) => void;
}) {
  const catalogue = useWorkstation().catalogue;
  const t = useT('fiveYear');
  const theme = useTheme();
  const cols = 4;
  const rowsN = Math.ceil(ids.length / cols);
  const cell = 150;
  const option = useMemo(() => {
    const years = [ev.baselineYear, ...(ev.items[0]?.values.map((v) => v.year) ?? [])];
    const labels = years.map((y) => (y === ev.baselineYear ? t('chart.baselineShort', { year: y }) : String(y)));
    const grids: object[] = [];
    const titles: object[] = [];
    const xAxes: object[] = [];
    const yAxes: object[] = [];
    const series: object[] = [];
    ids.forEach((id, k) => {
      const col = k % cols;
      const row = Math.floor(k / cols);
      const meta = catalogue.indicators.find((i) => i.id === id);
      const decimals = meta?.decimals ?? 2;
      const unit = meta?.unit ?? '';
      const mine = items.find((i) => i.id === id && i.entity === entity);
      const city = entity === 'city' ? undefined : items.find((i) => i.id === id && i.entity === 'city');
      const name = meta?.name ?? mine?.name ?? '';
      const chosen = id === indicator;
      titles.push({ text: `${id} ${name}`.slice(0, 22) + (`${id} ${name}`.length > 22 ? '…' : ''), subtext: unit, left: `${col * 25 + 1}%`, top: row * cell + 2,
        textStyle: { fontSize: 12, fontWeight: chosen ? 700 : 500, color: chosen ? theme.palette.primary.main : theme.palette.text.primary }, subtextStyle: { fontSize: 10 }, itemGap: 2 });
      grids.push({ left: `${col * 25 + 1}%`, width: `${25 - 3}%`, top: row * cell + 40, height: cell - 72, containLabel: true,
        show: chosen, borderColor: theme.palette.primary.main, borderWidth: chosen ? 1 : 0 });
      xAxes.push({ type: 'category', gridIndex: k, data: labels, axisLabel: { fontSize: 9, interval: 0 }, axisTick: { show: false } });
      yAxes.push({ type: 'value', gridIndex: k, scale: true, splitNumber: 2, axisLabel: { fontSize: 9, formatter: (v: number) => formatValue(v, Math.min(decimals, 2)) } });
      const line = (r: Item | undefined, strong: boolean) => ({
        type: 'line', xAxisIndex: k, yAxisIndex: k, name: r?.entityName ?? '', connectNulls: true, symbolSize: strong ? 5 : 3,
        lineStyle: { width: strong ? 2 : 1, opacity: strong ? 1 : 0.6 }, ...(strong ? {} : { color: '#9e9e9e' }),
        data: r ? [r.baseline, ...r.values.map((v) => v.value)] : [],
        ...(strong && r && r.target !== null ? { markLine: { symbol: 'none', silent: true, label: { show: false }, lineStyle: { type: 'dashed', color: STATUS_COLOUR.达标 }, data: [{ yAxis: r.target }] } } : {}),
        tooltip: { valueFormatter: (v: unknown) => formatValue(typeof v === 'number' ? v : null, decimals) },
      });
      if (city) series.push(line(city, false));
      series.push(line(mine, true));
    });
    return { title: titles, grid: grids, xAxis: xAxes, yAxis: yAxes, series, tooltip: { trigger: 'axis' }, animation: false };
  }, [ev, items, ids, indicator, entity, catalogue, t, theme]);
  const seriesIds = useMemo(() => ids.flatMap((id) => (entity === 'city' ? [id] : [id, id])), [ids, entity]);
  return (
    <Box data-testid="five-year-multiples" data-charts={ids.length} sx={{ width: '100%', overflow: 'hidden' }}>
      <EChart option={option} height={rowsN * cell + 10} testId="five-year-chart" onClick={(p) => { const id = seriesIds[p.seriesIndex]; if (id) onPick(id); }} />
    </Box>
  );
}

/** A significant trend is good when it moves the way the indicator's direction prefers (as the server's words say). */
function trendColour(i: Item, direction: string | undefined): 'success' | 'error' | 'default' {
  if (!i.significant || i.rho === null || i.rho === 0 || !direction) return 'default';
  return (i.rho > 0) === (direction === 'higher_better') ? 'success' : 'error';
}

function ItemTable({ ev, rows, label, selected, onPick, testId, rowId, exportName, yearly = false }: {
  ev: Evaluation; rows: Item[]; label: (i: Item) => string; selected: string; onPick: (i: Item) => void; testId: string;
  rowId: (i: Item) => string; exportName: string; yearly?: boolean;
}) {
  const w = useWorkstation();
  const catalogue = w.catalogue;
  const t = useT('fiveYear');
  const columns = useMemo((): Column<Item>[] => {
    const decimals = (i: Item) => catalogue.indicators.find((x) => x.id === i.id)?.decimals ?? 2;
    const years = ev.items[0]?.values.map((v) => v.year) ?? [];
    return [
      { key: 'label', header: yearly ? t('col.indicator') : t('col.entity'), value: label, width: yearly ? 220 : 140, wrap: true },
      { key: 'baseline', header: t('col.baseline', { year: ev.baselineYear }), value: (i) => i.baseline, rowDecimals: decimals },
      ...(yearly ? years.slice(0, -1).map((y, k): Column<Item> => ({ key: `y${y}`, header: t('col.year', { year: y }), value: (i) => i.values[k]?.value ?? null, rowDecimals: decimals })) : []),
      { key: 'final', header: t('col.final', { year: ev.toYear }), value: (i) => i.final, rowDecimals: decimals },
      { key: 'change', header: t('col.change'), value: (i) => i.changeAbs, rowDecimals: decimals,
        text: (i) => (i.changeAbs === null ? '—' : `${i.changeAbs > 0 ? '+' : ''}${formatValue(i.changeAbs, decimals(i))}`) },
      { key: 'changePct', header: t('col.changePct'), value: (i) => i.changePct, decimals: 1,
        text: (i) => (i.changePct === null ? '—' : `${i.changePct > 0 ? '+' : ''}${i.changePct.toFixed(1)}%`) },
      { key: 'rho', header: t('col.rho'), value: (i) => i.rho, decimals: 2, text: (i) => t('rhoN', { rho: i.rho === null ? '—' : i.rho.toFixed(2), n: i.n }) },
      { key: 'trend', header: t('col.trend'), value: (i) => serverWord(i.trend), width: 240,
        render: (i) => <Chip size="small" variant={i.significant ? 'filled' : 'outlined'} color={trendColour(i, catalogue.indicators.find((x) => x.id === i.id)?.direction)} label={serverWord(i.trend)} /> },
      { key: 'target', header: t('col.target'), value: (i) => i.target, rowDecimals: decimals },
      { key: 'targetMet', header: t('col.targetMet'), value: (i) => (i.targetMet === null ? '—' : i.targetMet ? t('met') : t('notMet')),
        render: (i) => (i.targetMet === null ? <Typography variant="body2" color="text.secondary">—</Typography>
          : <Typography variant="body2" sx={{ color: i.targetMet ? STATUS_COLOUR.达标 : STATUS_COLOUR.未达标, fontWeight: 600 }}>{i.targetMet ? t('met') : t('notMet')}</Typography>) },
    ];
  }, [ev, label, t, catalogue, yearly]);
  return (
    <DataTable testId={testId} rows={rows} columns={columns} rowId={rowId} pageSize={100} maxHeight={560} selected={selected}
      onRowClick={onPick} noRows={t('noRows')} label={exportName} exportName={exportName} />
  );
}
