// 管控单元: all units in force in the year (one aggregated 'units/list' answer), filtered on the client by type,
// district and a search text; a unit's own page lists its measures.
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState, type ChangeEvent } from 'react';
import {
  Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow,
  TextField, Typography,
} from '@mui/material';
import type { UnitList, UnitRow } from '../../service/queries/units.js';
import { formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import type { Route } from '../hooks/use-route.js';
import { Empty, Show } from '../components/Feedback.js';
import { number } from '../components/LineageDialog.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { useT } from '../i18n/i18n.js';
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
  const w = useWorkstation();
  const t = useT('units');
  const [type, setType] = useState<number>(0);
  const [district, setDistrict] = useState('all');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(50);
  const query = useDeferredValue(search.trim().toLowerCase());
  const districts = useMemo(() => [...new Map(list.units.map((u) => [u.district, u.districtName])).entries()].sort((a, b) => a[0].localeCompare(b[0])), [list]);
  const shown = useMemo(() => list.units.filter((u) => (type === 0 || u.type === type) && (district === 'all' || u.district === district)
    && (query === '' || u.code.toLowerCase().includes(query) || u.name.toLowerCase().includes(query) || u.districtName.includes(query))), [list, type, district, query]);
  // Filter time, for the workflow test: from the change of a filter to the table showing its rows.
  useEffect(() => {
    if (performance.getEntriesByName('unit-filter:start', 'mark').length > 0) {
      performance.measure('unit-filter', 'unit-filter:start');
      performance.clearMarks('unit-filter:start');
    }
  }, [shown]);
  // Stable handlers and choices: a change of one filter re-renders that picker and the rows, not the others; the
  // pickers are native selects, so a pick does not also render and close a menu (the filter stays under 100 ms).
  const onType = useCallback((v: number) => { mark(); setType(v); }, []);
  const onDistrict = useCallback((v: string) => { mark(); setDistrict(v); }, []);
  const onSearch = useCallback((e: ChangeEvent<HTMLInputElement>) => { mark(); setSearch(e.target.value); }, []);
  if (page * size >= Math.max(shown.length, 1)) setPage(0);
  const pageRows = useMemo(() => shown.slice(page * size, page * size + size), [shown, page, size]);
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
        <TableContainer>
          <Table size="small" data-testid="unit-table" sx={BODY_STYLE}>
            <UnitHead measures={list.measures} />
            <UnitRows units={pageRows} measures={list.measures} go={w.go} />
            {shown.length === 0 && <TableBody><TableRow><TableCell colSpan={5 + list.measures.length}>{t('noMatch')}</TableCell></TableRow></TableBody>}
          </Table>
        </TableContainer>
        <TablePagination component="div" count={shown.length} page={page} rowsPerPage={size} rowsPerPageOptions={[50, 100, 200]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage={t('rowsPerPage')} labelDisplayedRows={({ from, to, count }) => t('displayedRows', { from, to, count })} />
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

const UnitHead = memo(function UnitHead({ measures }: { measures: UnitList['measures'] }) {
  const t = useT('units');
  return (
    <TableHead>
      <TableRow>
        <TableCell>{t('column.code')}</TableCell><TableCell>{t('column.name')}</TableCell><TableCell>{t('column.type')}</TableCell>
        <TableCell>{t('column.district')}</TableCell><TableCell align="right">{t('column.area')}</TableCell>
        {measures.map((m) => <TableCell key={m.measure} align="right">{m.unit ? t('column.withUnit', { label: m.label, unit: m.unit }) : m.label}</TableCell>)}
      </TableRow>
    </TableHead>
  );
});

/** The page of rows: plain cells styled once by the table (no component per cell), and re-rendered only when the
 *  rows themselves change — typing in the search box re-renders the header, not 50 rows × 15 cells. */
const UnitRows = memo(function UnitRows({ units, measures, go }: { units: UnitRow[]; measures: UnitList['measures']; go: (r: Route) => void }) {
  return (
    <tbody>
      {units.map((u) => (
        <tr key={u.code} onClick={() => go({ page: 'units', id: u.code })} data-unit={u.code}>
          <td className="code">{u.code}</td>
          <td>{u.name}</td>
          <td><span className="type" style={{ borderColor: TYPE_COLOUR[u.type], color: TYPE_COLOUR[u.type] }}>{u.typeName}</span></td>
          <td>{u.districtName}</td>
          <td className="num">{formatValue(u.areaKm2, 2)}</td>
          {measures.map((m, k) => <td key={m.measure} className="num">{formatValue(u.values[k], m.decimals)}</td>)}
        </tr>
      ))}
    </tbody>
  );
});

/** One class for the whole table body: the look of MUI's small table cells, hover, and the type chip. */
const BODY_STYLE = {
  '& tbody td': { px: 2, py: '6px', fontSize: '0.875rem', lineHeight: 1.43, borderBottom: 1, borderColor: 'divider', whiteSpace: 'nowrap' },
  '& tbody td.num': { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  '& tbody td.code': { fontFamily: 'monospace' },
  '& tbody tr': { cursor: 'pointer' },
  '& tbody tr:hover': { bgcolor: 'action.hover' },
  '& tbody span.type': { display: 'inline-block', border: 1, borderRadius: 4, px: 1, fontSize: '0.8125rem', lineHeight: '22px', whiteSpace: 'nowrap' },
} as const;

function UnitPage({ code, year }: { code: string; year: number }) {
  const w = useWorkstation();
  const t = useT('units');
  const detail = useApi(`unit/${code}/${year}/${w.revision}`, () => w.client.call('units/get', { unit: code, year }));
  return (
    <Stack spacing={2}>
      <Box><Button onClick={() => w.go({ page: 'units' })}>{t('unit.back')}</Button></Box>
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
                <Table size="small" data-testid="unit-values">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('unit.measure')}</TableCell><TableCell align="right">{t('unit.value')}</TableCell><TableCell align="right">{t('unit.fraction')}</TableCell>
                      <TableCell>{t('unit.status')}</TableCell><TableCell>{t('unit.detail')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {d.values.map((v) => (
                      <TableRow key={v.measure}>
                        <TableCell title={v.measure}>{v.label}<Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 1, fontFamily: 'monospace' }}>{v.measure}</Typography></TableCell>
                        <TableCell align="right">{number(v.value)}</TableCell>
                        <TableCell align="right">{number(v.numerator)} / {number(v.denominator)}</TableCell>
                        <TableCell>{v.status}</TableCell>
                        <TableCell>{v.detail ?? ''}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
          </Paper>
        </Stack>
      )}</Show>
    </Stack>
  );
}
