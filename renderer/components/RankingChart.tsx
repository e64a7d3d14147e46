// A horizontal ECharts bar chart of one indicator's district ranking, best first at the top, drawn by the shared
// EChart component (one instance lifecycle for every chart: theme, resize, dispose).
import { useMemo } from 'react';
import { useTheme } from '@mui/material';
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, TitleComponentOption, TooltipComponentOption } from 'echarts/components';
import type { Ranking } from '../../service/contract.js';
import { FONT_STACK } from '../theme.js';
import { formatValue } from '../../indicators/value-format.js';
import { EChart } from './EChart.js';
import type { TFunction } from 'i18next';
import { useT } from '../i18n/i18n.js';

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TitleComponentOption | TooltipComponentOption>;

const STATUS_COLOUR: Record<string, string> = { 达标: '#2e7d32', 未达标: '#c62828' };
const OTHER_COLOUR = '#9e9e9e';

export function chartHeight(rows: number): number {
  return Math.max(240, rows * 36 + 90);
}

function optionOf(t: TFunction<'common'>, ranking: Ranking, textColour: string): ChartOption {
  const rows = ranking.rows.filter((r) => r.value !== null);
  const unit = ranking.unit ? t('ranking.unit', { unit: ranking.unit }) : '';
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT_STACK, color: textColour },
    title: { text: t('ranking.chartTitle', { year: ranking.year, name: ranking.name, unit }), left: 'center', top: 8, textStyle: { fontSize: 15, fontFamily: FONT_STACK, color: textColour } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => `${formatValue(typeof v === 'number' ? v : null, ranking.decimals)} ${ranking.unit}`,
    },
    grid: { left: 16, right: 48, top: 48, bottom: 16, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisTick: { show: false } },
    series: [{
      type: 'bar',
      name: ranking.name,
      barMaxWidth: 22,
      data: rows.map((r) => ({ value: r.value as number, itemStyle: { color: STATUS_COLOUR[r.status] ?? OTHER_COLOUR } })),
      label: { show: true, position: 'right', formatter: (p) => formatValue(typeof p.value === 'number' ? p.value : null, ranking.decimals) },
    }],
  };
}

/** Clicking a bar opens that district (`onPick` with its code). */
export function RankingChart({ ranking, onPick }: { ranking: Ranking; onPick?: (entity: string) => void }) {
  const t = useT('common');
  const withValue = useMemo(() => ranking.rows.filter((r) => r.value !== null), [ranking]);
  const textColour = useTheme().palette.text.primary;
  const option = useMemo(() => optionOf(t, ranking, textColour), [t, ranking, textColour]);
  return <EChart option={option} height={chartHeight(withValue.length)} testId="ranking-chart"
    onClick={onPick && ((item) => { const row = withValue[item.dataIndex]; if (row) onPick(row.entity); })} />;
}
