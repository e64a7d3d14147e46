// One ECharts canvas for any option; text follows the MUI theme (light or dark). Only the chart types used by
// the pages are registered, to keep the bundle small.
import { useEffect, useRef } from 'react';
import { useTheme } from '@mui/material';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT_STACK } from '../theme.js';

use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** `onClick` gets the clicked item's category name and data index (a bar, a point), e.g. to open that district. */
export function EChart({ option, height, testId, onClick }: {
  option: EChartsCoreOption; height: number; testId?: string; onClick?: (item: { name: string; dataIndex: number; seriesIndex: number }) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';
  const optionRef = useRef(option);
  optionRef.current = option;
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  const apply = (instance: ECharts, o: EChartsCoreOption) => {
    instance.setOption({ backgroundColor: 'transparent', textStyle: { fontFamily: FONT_STACK }, ...o }, { notMerge: true });
  };

  // ECharts' own dark theme colours axes, labels and titles; switching theme means a new instance.
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = init(el, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    apply(instance, optionRef.current);
    instance.on('click', (p) => clickRef.current?.({ name: String(p.name ?? ''), dataIndex: p.dataIndex ?? 0, seriesIndex: p.seriesIndex ?? 0 }));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    if (chart.current) apply(chart.current, option);
  }, [option]);

  return <div ref={container} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
