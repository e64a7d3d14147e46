// 一张图: every unit in force in the year on the workspace's own boundaries, coloured by type, by watch-list status
// or by a unit measure of the computation; district borders, air stations and water sections as layers; a
// district filter fits the view to the district; a click opens the unit.
import { useMemo, useState } from 'react';
import { Alert, Box, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import type { MapLayers } from '../../service/queries/map-layers.js';
import { useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { RESULT_COLOURS, UnitMap, featureOverlays, type MapColouring, type PointResult } from '../components/UnitMap.js';
import { useT } from '../i18n/i18n.js';

export function MapPage() {
  const w = useWorkstation();
  const t = useT('map');
  if (w.year === undefined) return <Empty title={t('noGeometry.title')} next={t('noGeometry.next')} action={{ label: t('noGeometry.action'), onClick: () => w.go({ page: 'import' }) }} />;
  return <MapLoader year={w.year} />;
}

function MapLoader({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('map');
  const layers = useApi(`map/${year}/${w.revision}`, () => w.client.call('map/layers', { year, zoom: 0 }));
  return <Show loaded={layers} label={t('loading')}>{(l) => l.units.features.length === 0
    ? <Empty title={t('noGeometry.title')} next={t('noGeometry.next')} action={{ label: t('noGeometry.action'), onClick: () => w.go({ page: 'import' }) }} />
    : <CityMap year={year} layers={l} />}</Show>;
}

/** The map's words for the component (tooltip and legend). */
export function useMapWords() {
  const t = useT('map');
  return useMemo(() => ({
    tip: { code: t('tip.code'), type: t('tip.type'), value: t('tip.value'), station: t('tip.station'), section: t('tip.section') },
    types: { 1: t('legend.type1'), 2: t('legend.type2'), 3: t('legend.type3') } as Record<number, string>,
    flags: { flagged: t('legend.flagged'), other: t('legend.other') },
    noValue: t('legend.noValue'),
  }), [t]);
}

function CityMap({ year, layers }: { year: number; layers: MapLayers }) {
  const w = useWorkstation();
  const t = useT('map');
  const words = useMapWords();
  const [colourBy, setColourBy] = useState('type');
  const [district, setDistrict] = useState('all');
  const [show, setShow] = useState({ districts: true, features: true, stations: false, sections: false });
  const computed = isComputed(w, year);
  const measures = useApi(`map-measures/${year}/${w.revision}`, () => (computed ? w.client.call('map/values', { year, level: 'unit' }) : null));
  const measure = colourBy.startsWith('m:') ? colourBy.slice(2) : undefined;
  const values = useApi(`map-values/${year}/${w.revision}/${measure ?? ''}`, () => (measure ? w.client.call('map/values', { year, level: 'unit', measure }) : null));
  // sections coloured by their result (class against target) of the year's computation
  const sectionValues = useApi(`map-sections/${year}/${w.revision}/${show.sections}`, () => (show.sections && computed ? w.client.call('map/values', { year, level: 'section' }) : null));
  const sectionResults = useMemo((): Record<string, PointResult> | undefined => {
    if (!show.sections) return undefined;
    const results = sectionValues.state === 'done' ? sectionValues.data?.sectionResults ?? {} : {};
    return Object.fromEntries(layers.sections.map((s): [string, PointResult] => {
      const r = results[s.code];
      if (!r) return [s.code, { tone: 'none', text: t('section.noResult') }];
      if (r.attained === null) return [s.code, { tone: 'none', text: t('section.noTarget', { cls: r.className }) }];
      return [s.code, { tone: r.attained ? 'ok' : 'bad', text: t(r.attained ? 'section.attained' : 'section.failed', { cls: r.className, target: r.target ?? '' }) }];
    }));
  }, [show.sections, sectionValues, layers, t]);
  const overlays = useMemo(() => (show.features ? featureOverlays(layers.features) : []), [show.features, layers]);
  const flags = useApi(`map-flags/${year}/${w.revision}/${colourBy}`, () => (colourBy === 'flags' ? w.client.call('watchlist/get', { year }) : null));
  const colouring = useMemo((): MapColouring => {
    if (colourBy === 'flags' && flags.state === 'done') return { mode: 'flags', flagged: new Set(flags.data.flags.map((f) => f.unitCode)), labels: words.flags };
    if (measure && values.state === 'done') return { mode: 'value', label: values.data.label ?? measure, values: values.data.values, noValue: words.noValue };
    return { mode: 'type', labels: words.types };
  }, [colourBy, flags, measure, values, words]);
  const choices = useMemo(() => [
    { value: 'type', label: t('colour.type') },
    ...(computed ? [{ value: 'flags', label: t('colour.flags') }] : []),
    ...(measures.state === 'done' ? measures.data.measures.map((m) => ({ value: `m:${m.measure}`, label: t('colour.measure', { label: m.label }) })) : []),
  ], [computed, measures, t]);
  const districts = useMemo(() => [{ value: 'all', label: t('allDistricts') },
    ...layers.districts.features.map((d) => ({ value: d.properties.code, label: d.properties.name }))], [layers, t]);
  const focus = useMemo(() => (district === 'all' ? undefined : { district }), [district]);
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Picker id="map-colour-select" label={t('colour.label')} value={colourBy} onChange={setColourBy} minWidth={220} choices={choices} native />
        <Picker id="map-district-select" label={t('district')} value={district} onChange={setDistrict} minWidth={160} choices={districts} native />
        {(['districts', 'features', 'stations', 'sections'] as const).map((k) => (
          <FormControlLabel key={k} label={t(`layer.${k}`)} control={<Switch size="small" checked={show[k]} data-testid={`map-layer-${k}`}
            onChange={(e) => setShow((s) => ({ ...s, [k]: e.target.checked }))} />} />
        ))}
      </PageHeader>
      <Typography variant="body2" color="text.secondary" data-testid="map-plan">
        {t('plan', { year, versions: layers.planVersions.join(t('listSeparator')), n: layers.units.features.length + layers.withoutGeometry.length })}
      </Typography>
      {!computed && <Alert severity="info">{t('notComputed', { year })}</Alert>}
      {layers.withoutGeometry.length > 0 && <Alert severity="warning">{t('withoutGeometry', { n: layers.withoutGeometry.length, codes: layers.withoutGeometry.slice(0, 10).join(t('listSeparator')) })}</Alert>}
      <UnitMap layers={layers} colouring={colouring} showDistricts={show.districts} showStations={show.stations} showSections={show.sections}
        sectionResults={sectionResults} overlays={overlays}
        focus={focus} onUnit={(code) => w.go({ page: 'units', id: code })} testId="unit-map" labels={words.tip} height={620} />
      {show.sections && (
        <Stack direction="row" spacing={2} data-testid="map-section-legend">
          {([['ok', 'legendAttained'], ['bad', 'legendFailed'], ['none', 'legendNone']] as const).map(([tone, key]) => (
            <Stack key={tone} direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
              <Box sx={{ width: 12, height: 12, transform: 'rotate(45deg)', bgcolor: RESULT_COLOURS[tone] }} />
              <Typography variant="caption">{t(`section.${key}`)}</Typography>
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** The units on the watch list (the ones given) in red among the others; used by 预警清单. A click opens the unit. */
export function FlaggedUnitsMap({ year, flagged, district }: { year: number; flagged: readonly string[]; district?: string }) {
  const w = useWorkstation();
  const t = useT('map');
  const words = useMapWords();
  const layers = useApi(`map/${year}/${w.revision}`, () => w.client.call('map/layers', { year, zoom: 0 }));
  const colouring = useMemo((): MapColouring => ({ mode: 'flags', flagged: new Set(flagged), labels: words.flags }), [flagged, words]);
  const focus = useMemo(() => (district ? { district } : undefined), [district]);
  if (layers.state !== 'done' || layers.data.units.features.length === 0) return null;
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">{t('watchTitle', { n: new Set(flagged).size })}</Typography>
      <UnitMap layers={layers.data} colouring={colouring} focus={focus} onUnit={(code) => w.go({ page: 'units', id: code })}
        testId="watch-map" labels={words.tip} height={420} />
    </Stack>
  );
}

/** A unit and the units that touch it (share a border vertex), coloured by type; used by the unit's page. */
export function UnitNeighboursMap({ year, unit }: { year: number; unit: string }) {
  const w = useWorkstation();
  const t = useT('map');
  const words = useMapWords();
  const layers = useApi(`map2/${year}/${w.revision}`, () => w.client.call('map/layers', { year, zoom: 2 }));
  const near = useMemo(() => {
    if (layers.state !== 'done') return undefined;
    const points = (f: MapLayers['units']['features'][number]) => new Set((f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2).map((p) => `${p[0]},${p[1]}`));
    const own = layers.data.units.features.find((f) => f.properties.code === unit);
    if (!own) return undefined;
    const mine = points(own);
    return new Set(layers.data.units.features.filter((f) => f === own || [...points(f)].some((p) => mine.has(p))).map((f) => f.properties.code));
  }, [layers, unit]);
  const colouring = useMemo((): MapColouring => ({ mode: 'type', labels: words.types }), [words]);
  const focus = useMemo(() => (near ? { units: [...near] } : undefined), [near]);
  if (layers.state !== 'done' || !near) return null;
  return (
    <Stack spacing={1}>
      <Typography variant="subtitle2">{t('neighbours')}</Typography>
      <UnitMap layers={layers.data} colouring={colouring} only={near} focus={focus} onUnit={(code) => w.go({ page: 'units', id: code })}
        testId="unit-neighbours-map" labels={words.tip} height={360} />
    </Stack>
  );
}
