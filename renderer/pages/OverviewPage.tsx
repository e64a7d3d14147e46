// 指标总览: one year at a glance — city summary, the ranking of one indicator, its change on last year, its
// spread over unit types, and a tile per district coloured by the indicator's status or the district's grade.
// One 'indicators/overview' call per year; switching indicator or district re-renders from it (the ranking
// chart asks for its own ranking).
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Grid, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, ToggleButton,
  ToggleButtonGroup, Typography,
} from '@mui/material';
import type { Overview, OverviewValue, UnitTypeSpread } from '../../service/queries/overview.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { RankingView } from '../components/RankingView.js';
import { EChart } from '../components/EChart.js';
import { ComputeButton } from '../components/ComputeButton.js';
import { STATUS_COLOUR, GRADE_COLOUR, statusColour } from '../components/colours.js';
import { useT } from '../i18n/i18n.js';
import { FiveYearNotice } from './FiveYearNotice.js';
import { StartSteps } from '../components/StartSteps.js';
import { serverWord } from '../i18n/server-words.js';
import { formatTime } from '../components/format.js';

/** The server's status word of a met value (data, compared as it comes; a key, not a UI word). */
const MET: Partial<Record<string, true>> = { 达标: true };

export function OverviewPage() {
  const w = useWorkstation();
  const t = useT('overview');
  if (w.year === undefined) {
    return <StartSteps />;
  }
  return (
    <Stack spacing={2}>
      {w.cycle === 'five-year' && <FiveYearNotice year={w.year} />}
      {isComputed(w, w.year)
        ? <OverviewOfYear year={w.year} />
        : (
          <>
            <Alert severity="info">{t('notComputed', { year: w.year })}</Alert>
            {w.info.computedYears.length === 0 ? <StartSteps /> : <Box><ComputeButton year={w.year} /></Box>}
          </>
        )}
    </Stack>
  );
}

function OverviewOfYear({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('overview');
  const loaded = useApi(`overview/${year}/${w.revision}`, () => w.client.call('indicators/overview', { year }));
  const indicators = w.catalogue.indicators;
  const [indicator, setIndicator] = useState<string | undefined>(indicators.find((i) => i.id === 'C1')?.id ?? indicators[0]?.id);
  if (indicator === undefined) return <Alert severity="warning">{t('noIndicators')}</Alert>;
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Picker id="indicator-select" label={t('indicator')} value={indicator} onChange={setIndicator} minWidth={260}
          choices={indicators.map((i) => ({ value: i.id, label: `${i.id} ${i.name}` }))} />
      </PageHeader>
      <Show loaded={loaded} label={t('loading')}>{(o) => <CitySummary overview={o} />}</Show>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <RankingView client={w.client} year={year} indicator={indicator} />
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Show loaded={loaded}>{(o) => <SidePanels overview={o} indicator={indicator} />}</Show>
        </Grid>
      </Grid>
      <Show loaded={loaded}>{(o) => <DistrictTiles overview={o} indicator={indicator} />}</Show>
    </Stack>
  );
}

function CitySummary({ overview }: { overview: Overview }) {
  const t = useT('overview');
  const grades = new Map<string, number>();
  for (const d of overview.districts) grades.set(d.grade, (grades.get(d.grade) ?? 0) + 1);
  const city = overview.values.filter((v) => v.entity === 'city');
  const met = city.filter((v) => MET[v.status]).length;
  const mean = overview.districts.length ? overview.districts.reduce((s, d) => s + d.total, 0) / overview.districts.length : null;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1.5 }} data-testid="city-summary">
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'baseline' }}>
        <Figure label={t('summary.met')} value={`${met} / ${city.length}`} />
        <Figure label={t('summary.meanScore')} value={mean === null ? '—' : mean.toFixed(1)} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">{t('summary.grades')}</Typography>
          {[...grades.entries()].map(([g, n]) => <Chip key={g} size="small" label={`${g} ${n}`} sx={{ bgcolor: GRADE_COLOUR[g], color: '#fff' }} />)}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
          {t('summary.about', {
            year: overview.year, catalogue: overview.catalogue.id, version: overview.catalogue.version, edition: overview.standardEdition,
            computedAt: formatTime(overview.computedAt),
          })}
        </Typography>
      </Stack>
    </Paper>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
      <Typography variant="body2" color="text.secondary">{label}</Typography>
      <Typography variant="h6" component="span" sx={{ fontVariantNumeric: 'tabular-nums' }}>{value}</Typography>
    </Stack>
  );
}

function SidePanels({ overview, indicator }: { overview: Overview; indicator: string }) {
  const t = useT('overview');
  const w = useWorkstation();
  const ind = overview.indicators.find((i) => i.id === indicator);
  if (!ind) return null;
  const names = new Map(overview.districts.map((d) => [d.code, d.name]));
  const rows = overview.values.filter((v) => v.indicator === indicator && v.entity !== 'city' && v.value !== null && v.previous !== null);
  const better = (v: OverviewValue) => (ind.direction === 'lower_better' ? v.value! <= v.previous! : v.value! >= v.previous!);
  const option = {
    title: { text: t('yoy.title', { year: overview.year, previous: overview.year - 1 }), left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // room on both sides for the labels outside the bars (a change of 0 shows too)
    grid: { left: 12, right: 24, top: 36, bottom: 12, containLabel: true },
    xAxis: { type: 'value', boundaryGap: ['20%', '20%'], axisLabel: { formatter: (v: number) => formatValue(v, ind.decimals) } },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => names.get(r.entity) ?? r.entity), axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 18,
      // the change with the indicator's decimals (one more for small changes), beside the bar's end
      data: rows.map((r) => {
        const change = Number((r.value! - r.previous!).toFixed(ind.decimals + 1));
        return { value: change, itemStyle: { color: better(r) ? STATUS_COLOUR.达标 : STATUS_COLOUR.未达标 },
          label: { show: true, position: change < 0 ? 'left' : 'right', formatter: () => `${change > 0 ? '+' : ''}${formatValue(change, ind.decimals + 1)}` } };
      }),
    }],
  };
  const spread = overview.unitTypes.filter((u) => u.indicator === indicator);
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 1 }}>
        {rows.length > 0
          ? <EChart option={option} height={Math.max(200, rows.length * 26 + 60)} testId="yoy-chart"
            onClick={(item) => { const r = rows[item.dataIndex]; if (r) w.go({ page: 'district', id: r.entity }); }} />
          : <Typography sx={{ p: 2 }} color="text.secondary">{t('yoy.none', { previous: overview.year - 1 })}</Typography>}
      </Paper>
      <Paper variant="outlined">
        <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }}>{t('unitTypes.title')}</Typography>
        <UnitTypeSpreadTable spread={spread} decimals={ind.decimals} name={ind.name} />
      </Paper>
    </Stack>
  );
}

/** The spread of the indicator's measure over unit types; a clear word instead of a table of dashes when the
 *  indicator has no unit-level values (district-only measures, or units without stations/sections). */
function UnitTypeSpreadTable({ spread, decimals, name }: { spread: UnitTypeSpread[]; decimals: number; name: string }) {
  const t = useT('overview');
  if (spread.length === 0) {
    return <Typography sx={{ px: 2, py: 1.5 }} color="text.secondary" data-testid="unit-type-empty">{t('unitTypes.noUnits')}</Typography>;
  }
  if (spread.every((u) => u.withValue === 0)) {
    return (
      <Typography sx={{ px: 2, py: 1.5 }} color="text.secondary" data-testid="unit-type-empty">
        {t('unitTypes.noValues', { name })}
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="unit-type-table">
      <TableHead>
        <TableRow><TableCell>{t('unitTypes.type')}</TableCell><TableCell align="right">{t('unitTypes.units')}</TableCell><TableCell align="right">{t('unitTypes.withValue')}</TableCell>
          <TableCell align="right">{t('unitTypes.mean')}</TableCell><TableCell align="right">{t('unitTypes.min')}</TableCell><TableCell align="right">{t('unitTypes.max')}</TableCell></TableRow>
      </TableHead>
      <TableBody>
        {spread.map((u) => (
          <TableRow key={u.unitType}>
            <TableCell>{u.typeName}</TableCell><TableCell align="right">{u.units}</TableCell><TableCell align="right">{u.withValue}</TableCell>
            <TableCell align="right">{formatValue(u.mean, decimals)}</TableCell>
            <TableCell align="right">{formatValue(u.min, decimals)}</TableCell>
            <TableCell align="right">{formatValue(u.max, decimals)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DistrictTiles({ overview, indicator }: { overview: Overview; indicator: string }) {
  const w = useWorkstation();
  const t = useT('overview');
  const [colourBy, setColourBy] = useState<'status' | 'grade'>('status');
  const [selected, setSelected] = useState<string | undefined>(overview.districts[0]?.code);
  const ind = overview.indicators.find((i) => i.id === indicator);
  const byEntity = useMemo(() => new Map(overview.values.filter((v) => v.indicator === indicator).map((v) => [v.entity, v])), [overview, indicator]);
  if (overview.districts.length === 0) return <Empty title={t('tiles.emptyTitle')} next={t('tiles.emptyNext')} />;
  const pick = (code: string) => {
    performance.mark('district-switch:start');
    setSelected(code);
  };
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Paper variant="outlined" sx={{ p: 1.5 }}>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>{t('tiles.title')}</Typography>
            <ToggleButtonGroup size="small" exclusive value={colourBy} onChange={(_e, v: 'status' | 'grade' | null) => v && setColourBy(v)}>
              <ToggleButton value="status">{t('tiles.byStatus', { indicator: ind?.id ?? '' })}</ToggleButton>
              <ToggleButton value="grade">{t('tiles.byGrade')}</ToggleButton>
            </ToggleButtonGroup>
          </Stack>
          <Box data-testid="district-tiles" sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(118px, 1fr))', gap: 1 }}>
            {overview.districts.map((d) => {
              const v = byEntity.get(d.code);
              const colour = colourBy === 'grade' ? GRADE_COLOUR[d.grade] ?? '#757575' : statusColour(v?.status);
              return (
                <Box key={d.code} component="button" type="button" onClick={() => pick(d.code)} data-entity={d.code}
                  aria-pressed={selected === d.code}
                  sx={{
                    cursor: 'pointer', border: 2, borderColor: selected === d.code ? 'text.primary' : 'transparent', borderRadius: 1,
                    bgcolor: colour, color: '#fff', p: 1, textAlign: 'left', font: 'inherit',
                  }}>
                  <Typography variant="body2" sx={{ fontWeight: 600, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{d.name}</Typography>
                  <Typography variant="caption" sx={{ display: 'block' }}>
                    {colourBy === 'grade' ? t('tiles.score', { total: d.total.toFixed(1), grade: serverWord(d.grade) }) : `${formatValue(v?.value, ind?.decimals ?? 1)} ${v?.status ? serverWord(v.status) : t('tiles.noResult')}`}
                  </Typography>
                </Box>
              );
            })}
          </Box>
        </Paper>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        {selected && <DistrictPanel overview={overview} code={selected} onOpen={() => w.go({ page: 'district', id: selected })} />}
      </Grid>
    </Grid>
  );
}

/** The chosen district's values of every indicator; its switch time is measured for the workflow test. */
function DistrictPanel({ overview, code, onOpen }: { overview: Overview; code: string; onOpen: () => void }) {
  const t = useT('overview');
  const d = overview.districts.find((x) => x.code === code);
  useEffect(() => {
    if (performance.getEntriesByName('district-switch:start', 'mark').length > 0) {
      performance.measure('district-switch', 'district-switch:start');
      performance.clearMarks('district-switch:start');
    }
  }, [code]);
  const values = overview.values.filter((v) => v.entity === code);
  return (
    <Paper variant="outlined" data-testid="district-panel">
      <Stack direction="row" sx={{ alignItems: 'center', px: 2, pt: 1.5 }}>
        <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }} data-testid="district-panel-name">{d?.name ?? code}</Typography>
        {d && <Typography variant="body2" sx={{ mr: 2 }}>{t('panel.score', { total: d.total.toFixed(1), grade: serverWord(d.grade) })}</Typography>}
        <Button size="small" onClick={onOpen}>{t('panel.open')}</Button>
      </Stack>
      <Box sx={{ maxHeight: 420, overflow: 'auto' }}>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{t('panel.indicator')}</TableCell><TableCell align="right">{t('panel.value')}</TableCell><TableCell align="right">{t('panel.target')}</TableCell>
              <TableCell>{t('panel.status')}</TableCell><TableCell align="right">{t('panel.points')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {values.map((v) => {
              const ind = overview.indicators.find((i) => i.id === v.indicator);
              return (
                <TableRow key={v.indicator}>
                  <TableCell>{v.indicator} {ind?.name}</TableCell>
                  <TableCell align="right">{formatValue(v.value, ind?.decimals ?? 1)}</TableCell>
                  <TableCell align="right">{formatValue(v.target, ind?.decimals ?? 1)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}><Typography variant="body2" sx={{ color: statusColour(v.status) }}>{serverWord(v.status)}</Typography></TableCell>
                  <TableCell align="right">{formatPoints(v.points)}/{formatPoints(v.maxPoints)}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}
