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

export function OverviewPage() {
  const w = useWorkstation();
  if (w.year === undefined) {
    return <Empty title="工作空间还没有数据" next="请先到“数据导入”页导入名录和监测数据，再计算指标。" action={{ label: '去导入数据', onClick: () => w.go({ page: 'import' }) }} />;
  }
  if (!isComputed(w, w.year)) {
    return (
      <Stack spacing={2}>
        <Alert severity="info">尚未计算指标，请先运行 zonetrack compute，或点击下面的按钮计算{w.year}年指标。</Alert>
        <Box><ComputeButton year={w.year} /></Box>
      </Stack>
    );
  }
  return <OverviewOfYear year={w.year} />;
}

function OverviewOfYear({ year }: { year: number }) {
  const w = useWorkstation();
  const loaded = useApi(`overview/${year}/${w.revision}`, () => w.client.call('indicators/overview', { year }));
  const indicators = w.catalogue.indicators;
  const [indicator, setIndicator] = useState<string | undefined>(indicators.find((i) => i.id === 'C1')?.id ?? indicators[0]?.id);
  if (indicator === undefined) return <Alert severity="warning">指标体系中没有指标，请检查指标体系文件</Alert>;
  return (
    <Stack spacing={2}>
      <PageHeader title="指标总览">
        <Picker id="indicator-select" label="指标" value={indicator} onChange={setIndicator} minWidth={260}
          choices={indicators.map((i) => ({ value: i.id, label: `${i.id} ${i.name}` }))} />
      </PageHeader>
      <Show loaded={loaded} label="正在读取指标总览">{(o) => <CitySummary overview={o} />}</Show>
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
  const grades = new Map<string, number>();
  for (const d of overview.districts) grades.set(d.grade, (grades.get(d.grade) ?? 0) + 1);
  const city = overview.values.filter((v) => v.entity === 'city');
  const met = city.filter((v) => v.status === '达标').length;
  const mean = overview.districts.length ? overview.districts.reduce((s, d) => s + d.total, 0) / overview.districts.length : null;
  return (
    <Paper variant="outlined" sx={{ px: 2, py: 1.5 }} data-testid="city-summary">
      <Stack direction="row" spacing={4} sx={{ flexWrap: 'wrap', rowGap: 1, alignItems: 'baseline' }}>
        <Figure label="全市指标达标" value={`${met} / ${city.length}`} />
        <Figure label="区县平均得分" value={mean === null ? '—' : mean.toFixed(1)} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography variant="body2" color="text.secondary">区县等级</Typography>
          {[...grades.entries()].map(([g, n]) => <Chip key={g} size="small" label={`${g} ${n}`} sx={{ bgcolor: GRADE_COLOUR[g], color: '#fff' }} />)}
        </Stack>
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
          {overview.year}年 · 指标体系 {overview.catalogue.id} v{overview.catalogue.version} · 空气标准 GB 3095-{overview.standardEdition} · 计算于 {new Date(overview.computedAt).toLocaleString('zh-CN')}
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
  const ind = overview.indicators.find((i) => i.id === indicator);
  if (!ind) return null;
  const names = new Map(overview.districts.map((d) => [d.code, d.name]));
  const rows = overview.values.filter((v) => v.indicator === indicator && v.entity !== 'city' && v.value !== null && v.previous !== null);
  const better = (v: OverviewValue) => (ind.direction === 'lower_better' ? v.value! <= v.previous! : v.value! >= v.previous!);
  const option = {
    title: { text: `同比变化（${overview.year}年 − ${overview.year - 1}年）`, left: 'center', top: 4, textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 12, right: 24, top: 36, bottom: 12, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => names.get(r.entity) ?? r.entity), axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 18, label: { show: true, position: 'inside', color: '#fff' },
      data: rows.map((r) => ({ value: Number((r.value! - r.previous!).toFixed(ind.decimals + 1)), itemStyle: { color: better(r) ? STATUS_COLOUR.达标 : STATUS_COLOUR.未达标 } })),
    }],
  };
  const spread = overview.unitTypes.filter((t) => t.indicator === indicator);
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ p: 1 }}>
        {rows.length > 0
          ? <EChart option={option} height={Math.max(200, rows.length * 26 + 60)} testId="yoy-chart" />
          : <Typography sx={{ p: 2 }} color="text.secondary">没有上一年的可比数值：导入{overview.year - 1}年数据并计算后显示同比变化。</Typography>}
      </Paper>
      <Paper variant="outlined">
        <Typography variant="subtitle2" sx={{ px: 2, pt: 1.5 }}>按管控单元类别分布（单元测算值）</Typography>
        <UnitTypeSpreadTable spread={spread} decimals={ind.decimals} name={ind.name} />
      </Paper>
    </Stack>
  );
}

/** The spread of the indicator's measure over unit types; a clear word instead of a table of dashes when the
 *  indicator has no unit-level values (district-only measures, or units without stations/sections). */
function UnitTypeSpreadTable({ spread, decimals, name }: { spread: UnitTypeSpread[]; decimals: number; name: string }) {
  if (spread.length === 0) {
    return <Typography sx={{ px: 2, py: 1.5 }} color="text.secondary" data-testid="unit-type-empty">没有管控单元：请到“数据导入”页导入环境管控单元名录。</Typography>;
  }
  if (spread.every((t) => t.withValue === 0)) {
    return (
      <Typography sx={{ px: 2, py: 1.5 }} color="text.secondary" data-testid="unit-type-empty">
        “{name}”没有单元级测算值：它只在区县和全市层面计算（或单元内没有站点、断面），按单元类别的分布不适用；不会用区县数值代替单元数值。
      </Typography>
    );
  }
  return (
    <Table size="small" data-testid="unit-type-table">
      <TableHead>
        <TableRow><TableCell>单元类别</TableCell><TableCell align="right">单元数</TableCell><TableCell align="right">有数值</TableCell>
          <TableCell align="right">平均</TableCell><TableCell align="right">最低</TableCell><TableCell align="right">最高</TableCell></TableRow>
      </TableHead>
      <TableBody>
        {spread.map((t) => (
          <TableRow key={t.unitType}>
            <TableCell>{t.typeName}</TableCell><TableCell align="right">{t.units}</TableCell><TableCell align="right">{t.withValue}</TableCell>
            <TableCell align="right">{formatValue(t.mean, decimals)}</TableCell>
            <TableCell align="right">{formatValue(t.min, decimals)}</TableCell>
            <TableCell align="right">{formatValue(t.max, decimals)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DistrictTiles({ overview, indicator }: { overview: Overview; indicator: string }) {
  const w = useWorkstation();
  const [colourBy, setColourBy] = useState<'status' | 'grade'>('status');
  const [selected, setSelected] = useState<string | undefined>(overview.districts[0]?.code);
  const ind = overview.indicators.find((i) => i.id === indicator);
  const byEntity = useMemo(() => new Map(overview.values.filter((v) => v.indicator === indicator).map((v) => [v.entity, v])), [overview, indicator]);
  if (overview.districts.length === 0) return <Empty title="没有区县的计算结果" next="请导入数据后重新计算指标。" />;
  const pick = (code: string) => {
    performance.mark('district-switch:start');
    setSelected(code);
  };
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Paper variant="outlined" sx={{ p: 1.5 }}>
          <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600, flex: 1 }}>区县一览</Typography>
            <ToggleButtonGroup size="small" exclusive value={colourBy} onChange={(_e, v: 'status' | 'grade' | null) => v && setColourBy(v)}>
              <ToggleButton value="status">按{ind?.id ?? ''}完成情况</ToggleButton>
              <ToggleButton value="grade">按综合等级</ToggleButton>
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
                    {colourBy === 'grade' ? `${d.total.toFixed(1)}分 ${d.grade}` : `${formatValue(v?.value, ind?.decimals ?? 1)} ${v?.status ?? '无结果'}`}
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
        {d && <Typography variant="body2" sx={{ mr: 2 }}>{d.total.toFixed(1)}分 · {d.grade}</Typography>}
        <Button size="small" onClick={onOpen}>区县详情</Button>
      </Stack>
      <Box sx={{ maxHeight: 420, overflow: 'auto' }}>
        <Table size="small">
          <TableHead><TableRow><TableCell>指标</TableCell><TableCell align="right">数值</TableCell><TableCell align="right">目标</TableCell><TableCell>完成情况</TableCell><TableCell align="right">得分</TableCell></TableRow></TableHead>
          <TableBody>
            {values.map((v) => {
              const ind = overview.indicators.find((i) => i.id === v.indicator);
              return (
                <TableRow key={v.indicator}>
                  <TableCell>{v.indicator} {ind?.name}</TableCell>
                  <TableCell align="right">{formatValue(v.value, ind?.decimals ?? 1)}</TableCell>
                  <TableCell align="right">{formatValue(v.target, ind?.decimals ?? 1)}</TableCell>
                  <TableCell><Typography variant="body2" sx={{ color: statusColour(v.status) }}>{v.status}</Typography></TableCell>
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
