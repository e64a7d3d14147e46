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

export function EChart({ option, height, testId }: { option: EChartsCoreOption; height: number; testId?: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const theme = useTheme();

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const instance = init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({
      backgroundColor: 'transparent',
      textStyle: { fontFamily: FONT_STACK, color: theme.palette.text.primary },
      ...option,
    }, { notMerge: true });
  }, [option, theme.palette.text.primary]);

  return <div ref={container} data-testid={testId} style={{ width: '100%', height }} />;
}
