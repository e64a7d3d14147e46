// The one ECharts host of the renderer: one canvas for any option, maps included (a map's GeoJSON is registered
// with `registerMap`, below, and drawn by a `geo` component); text follows the MUI theme (light or dark). Only
// the chart types used by the pages are registered, to keep the bundle small.
import { useEffect, useRef } from 'react';
import { useTheme } from '@mui/material';
import { init, registerMap as register, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, CustomChart, HeatmapChart, LineChart, LinesChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { FONT_STACK } from '../theme.js';

use([BarChart, LineChart, HeatmapChart, MapChart, CustomChart, LinesChart, ScatterChart, GeoComponent, GridComponent, LegendComponent, TitleComponent,
  TooltipComponent, VisualMapComponent, CanvasRenderer]);

/** Registers GeoJSON under a name for `geo: { map: name }`; features are named by `properties.name`. */
export function registerMap(name: string, geoJson: { type: 'FeatureCollection'; features: unknown[] }): void {
  register(name, geoJson as never);
}

export interface ChartItem { name: string; dataIndex: number; seriesIndex: number; componentType: string; seriesType: string | undefined }

/** `onClick` gets the clicked item's name and data index (a bar, a point, a map region), e.g. to open that district.
 *  `onInstance` sees each new instance with its element (a map's test hooks). `measure` names a performance
 *  measure around every option applied after the first (recolouring a map, timed by the bench). */
export function EChart({ option, height, testId, onClick, onInstance, measure }: {
  option: EChartsCoreOption; height: number; testId?: string; onClick?: (item: ChartItem) => void;
  onInstance?: (instance: ECharts, el: HTMLDivElement) => void; measure?: string;
}) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';
  const optionRef = useRef(option);
  optionRef.current = option;
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  const instanceRef = useRef(onInstance);
  instanceRef.current = onInstance;

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
    instance.on('click', (p) => clickRef.current?.({
      name: String(p.name ?? ''), dataIndex: p.dataIndex ?? 0, seriesIndex: p.seriesIndex ?? 0, componentType: p.componentType ?? '', seriesType: p.seriesType,
    }));
    instanceRef.current?.(instance, el);
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [dark]);

  useEffect(() => {
    if (!chart.current) return;
    if (measure) performance.mark(`${measure}:start`);
    apply(chart.current, option);
    if (measure) performance.measure(measure, `${measure}:start`);
  }, [option]);

  return <div ref={container} data-testid={testId} style={{ width: '100%', height, cursor: onClick ? 'pointer' : undefined }} />;
}
