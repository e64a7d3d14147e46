// 管控单元: all units in force in the year (one aggregated 'units/list' answer), filtered on the client by type,
// district and a search text; a unit's own page lists its measures.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, type ChangeEvent } from 'react';
import {
  Alert, Box, Button, Chip, Paper, Stack, TextField, Typography,
} from '@mui/material';
import type { UnitDetail, UnitList, UnitRow } from '../../service/queries/units.js';
import { formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { previousAddress, useRouteParam, useTableUrlState } from '../hooks/use-route.js';
import { DataTable, type Column, type TableState } from '../components/DataTable.js';
import { naturalCompare } from '../components/table-export.js';
import { Empty, Show } from '../components/Feedback.js';
import { number } from '../components/LineageDialog.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { useT } from '../i18n/i18n.js';
import { UnitAccessList } from '../components/UnitAccessList.js';
import { UnitNeighboursMap } from './MapPage.js';

export function UnitsPage({ id }: { id?: string }) {
  const w = useWorkstation();
  const t = useT('units');
  if (w.year === undefined) return <Empty title={t('noUnits.title')} next={t('noUnits.next')} action={{ label: t('noUnits.action'), onClick: () => w.go({ page: 'import' }) }} />;
  return id ? <UnitPage code={id} year={w.year} /> : <UnitTable year={w.year} />;
}

const TYPE_COLOUR: Record<number, string> = { 1: '#2e7d32', 2: '#c62828', 3: '#1565c0' };

function UnitTable({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('units');
  const list = useApi(`units/${year}/${w.revision}`, () => w.client.call('units/list', { year }));
  return <Show loaded={list} label={t('loading')}>{(l) => l.units.length === 0
    ? <Empty title={t('noUnits.title')} next={t('noUnits.nextFormats')} action={{ label: t('noUnits.action'), onClick: () => w.go({ page: 'import' }) }} />
    : <FilteredUnits list={l} />}</Show>;
}

function FilteredUnits({ list }: { list: UnitList }) {
  const t = useT('units');
  // Filters in the URL: "← 返回单元列表" and Back come back to the same district, type and search.
  const [typeText, setTypeText] = useRouteParam('type', '0');
  const [district, setDistrictParam] = useRouteParam('district', 'all');
  const [search, setSearchParam] = useRouteParam('q', '');
  const table = useTableUrlState('');
  const type = Number(typeText) || 0;
  const query = useDeferredValue(search.trim().toLowerCase());
  const districts = useMemo(() => [...new Map(list.units.map((u) => [u.district, u.districtName])).entries()].sort((a, b) => naturalCompare(a[0], b[0])), [list]);
  const shown = useMemo(() => list.units.filter((u) => (type === 0 || u.type === type) && (district === 'all' || u.district === district)
    && (query === '' || u.code.toLowerCase().includes(query) || u.name.toLowerCase().includes(query) || u.districtName.includes(query))), [list, type, district, query]);
  // Filter time, for the workflow test: from the change of a filter to the table showing its rows.
  useEffect(() => {
    if (performance.getEntriesByName('unit-filter:start', 'mark').length > 0) {
      performance.measure('unit-filter', 'unit-filter:start');
      performance.clearMarks('unit-filter:start');
    }
  }, [shown]);
  const onType = useCallback((v: number) => { mark(); setTypeText(String(v)); }, [setTypeText]);
  const onDistrict = useCallback((v: string) => { mark(); setDistrictParam(v); }, [setDistrictParam]);
  const onSearch = useCallback((e: ChangeEvent<HTMLInputElement>) => { mark(); setSearchParam(e.target.value); }, [setSearchParam]);
  const typeChoices = useMemo(() => {
    const n = (type: number) => list.units.filter((u) => u.type === type).length;
    return [{ value: 0, label: t('filter.allTypes') }, { value: 1, label: t('filter.type1', { n: n(1) }) }, { value: 2, label: t('filter.type2', { n: n(2) }) },
      { value: 3, label: t('filter.type3', { n: n(3) }) }];
  }, [list, t]);
  const districtChoices = useMemo(() => [{ value: 'all', label: t('filter.allDistricts') }, ...districts.map(([c, n]) => ({ value: c, label: n }))], [districts, t]);
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <MemoPicker id="unit-type-select" label={t('filter.type')} value={type} onChange={onType} minWidth={160} choices={typeChoices} native />
        <MemoPicker id="unit-district-select" label={t('filter.district')} value={district} onChange={onDistrict} minWidth={180} choices={districtChoices} native />
        <SearchField value={search} onChange={onSearch} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="unit-count">
          {t('count', { shown: shown.length, total: list.units.length, year: list.year })}
        </Typography>
      </PageHeader>
      {!list.computed && <Alert severity="info">{t('notComputed', { year: list.year })}</Alert>}
      <Paper variant="outlined">
        <UnitGrid units={shown} list={list} state={table.state} onStateChange={table.onStateChange} />
      </Paper>
    </Stack>
  );
}

const mark = () => performance.mark('unit-filter:start');
const MemoPicker = memo(Picker) as typeof Picker;

const SearchField = memo(function SearchField({ value, onChange }: { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void }) {
  const t = useT('units');
  return <TextField size="small" label={t('filter.search')} value={value} onChange={onChange} slotProps={{ htmlInput: { 'data-testid': 'unit-search' } }} />;
});

/** The rows of the filters above, in the shared table (sort, column filters, export); a row opens the unit. */
const UnitGrid = memo(function UnitGrid({ units, list, state, onStateChange }: { units: UnitRow[]; list: UnitList; state: TableState; onStateChange: (s: TableState) => void }) {
  const w = useWorkstation();
  const t = useT('units');
  const columns = useMemo((): Column<UnitRow>[] => [
    { key: 'code', header: t('column.code'), value: (u) => u.code, monospace: true },
    { key: 'name', header: t('column.name'), value: (u) => u.name, grow: true },
    { key: 'type', header: t('column.type'), value: (u) => u.typeName,
      render: (u) => <span style={{ display: 'inline-block', border: `1px solid ${TYPE_COLOUR[u.type]}`, color: TYPE_COLOUR[u.type], borderRadius: 4, padding: '0 8px', lineHeight: '22px' }}>{u.typeName}</span> },
    { key: 'district', header: t('column.district'), value: (u) => u.districtName },
    { key: 'area', header: t('column.area'), value: (u) => u.areaKm2, decimals: 2 },
    ...list.measures.map((m, k): Column<UnitRow> => ({
      key: m.measure, header: m.unit ? t('column.withUnit', { label: m.label, unit: m.unit }) : m.label, value: (u) => u.values[k] ?? null, decimals: m.decimals,
    })),
  ], [list, t]);
  return (
    <DataTable testId="unit-table" rows={units} columns={columns} rowId={(u) => u.code} state={state} onStateChange={onStateChange}
      exportName={t('exportName', { year: list.year })} noRows={t('noMatch')} onRowClick={(u) => w.go({ page: 'units', id: u.code })} />
  );
});

/** Back where the user came from inside the app (the list with its filters, the watch list at its scroll position);
 *  after a reload, to the unit list. */
function BackButton() {
  const w = useWorkstation();
  const t = useT('units');
  const from = previousAddress();
  const toList = from === null || (from.page === 'units' && !from.id);
  return <Box><Button onClick={() => (from ? history.back() : w.go({ page: 'units' }))} data-testid="unit-back">{toList ? t('unit.back') : t('unit.backTo', { page: t(`unit.from.${from.page === 'watchlist' ? 'watchlist' : 'other'}`) })}</Button></Box>;
}

function UnitPage({ code, year }: { code: string; year: number }) {
  const w = useWorkstation();
  const t = useT('units');
  const detail = useApi(`unit/${code}/${year}/${w.revision}`, () => w.client.call('units/get', { unit: code, year }));
  return (
    <Stack spacing={2}>
      <BackButton />
      <Show loaded={detail} label={t('unit.loading')}>{(d) => (
        <Stack spacing={2}>
          <PageHeader title={t('unit.heading', { name: d.unit.name, code: d.unit.code })}>
            <Chip label={d.unit.typeName} sx={{ bgcolor: TYPE_COLOUR[d.unit.type], color: '#fff' }} />
            <Typography variant="body2" color="text.secondary">{t('unit.about', { district: d.unit.districtName, plan: d.unit.planVersion, area: formatValue(d.unit.areaKm2, 2) })}</Typography>
          </PageHeader>
          <UnitNeighboursMap year={year} unit={d.unit.code} />
          <Paper variant="outlined">
            {d.values.length === 0
              ? <Box sx={{ p: 2 }}><Empty title={t('unit.noValuesTitle', { year })} next={t('unit.noValuesNext')} /></Box>
              : (
                <UnitValues detail={d} />
              )}
          </Paper>
          <UnitAccessList code={d.unit.code} year={year} />
        </Stack>
      )}</Show>
    </Stack>
  );
}

type UnitValue = UnitDetail['values'][number];

/** A unit's measures by name, with their units (the measure id only as a tooltip). */
function UnitValues({ detail }: { detail: UnitDetail }) {
  const t = useT('units');
  const columns = useMemo((): Column<UnitValue>[] => [
    { key: 'measure', header: t('unit.measure'), value: (v) => (v.unit ? t('column.withUnit', { label: v.label, unit: v.unit }) : v.label), grow: true,
      render: (v) => <span title={v.measure}>{v.unit ? t('column.withUnit', { label: v.label, unit: v.unit }) : v.label}</span> },
    { key: 'value', header: t('unit.value'), value: (v) => v.value, text: (v) => number(v.value), align: 'right' },
    { key: 'fraction', header: t('unit.fraction'), value: (v) => `${number(v.numerator)} / ${number(v.denominator)}`, align: 'right' },
    { key: 'status', header: t('unit.status'), value: (v) => v.status },
    { key: 'detail', header: t('unit.detail'), value: (v) => v.detail ?? '', wrap: true, grow: true },
  ], [t]);
  return <DataTable testId="unit-values" rows={detail.values} columns={columns} rowId={(v) => v.measure} pageSize={100}
    exportName={t('unit.exportName', { name: detail.unit.name, code: detail.unit.code, year: detail.year })} />;
}
