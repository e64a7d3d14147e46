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

export function UnitsPage({ id }: { id?: string }) {
  const w = useWorkstation();
  if (w.year === undefined) return <Empty title="还没有管控单元" next="请到“数据导入”页导入环境管控单元名录。" action={{ label: '去导入数据', onClick: () => w.go({ page: 'import' }) }} />;
  return id ? <UnitPage code={id} year={w.year} /> : <UnitTable year={w.year} />;
}

const TYPE_COLOUR: Record<number, string> = { 1: '#2e7d32', 2: '#c62828', 3: '#1565c0' };

function UnitTable({ year }: { year: number }) {
  const w = useWorkstation();
  const list = useApi(`units/${year}/${w.revision}`, () => w.client.call('units/list', { year }));
  return <Show loaded={list} label="正在读取管控单元">{(l) => l.units.length === 0
    ? <Empty title="还没有管控单元" next="请到“数据导入”页导入环境管控单元名录（CSV 或 Excel）。" action={{ label: '去导入数据', onClick: () => w.go({ page: 'import' }) }} />
    : <FilteredUnits list={l} />}</Show>;
}

function FilteredUnits({ list }: { list: UnitList }) {
  const w = useWorkstation();
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
    const n = (t: number) => list.units.filter((u) => u.type === t).length;
    return [{ value: 0, label: '全部类别' }, { value: 1, label: `优先保护单元（${n(1)}）` }, { value: 2, label: `重点管控单元（${n(2)}）` }, { value: 3, label: `一般管控单元（${n(3)}）` }];
  }, [list]);
  const districtChoices = useMemo(() => [{ value: 'all', label: '全部区县' }, ...districts.map(([c, n]) => ({ value: c, label: n }))], [districts]);
  return (
    <Stack spacing={2}>
      <PageHeader title="管控单元">
        <MemoPicker id="unit-type-select" label="单元类别" value={type} onChange={onType} minWidth={160} choices={typeChoices} native />
        <MemoPicker id="unit-district-select" label="区县" value={district} onChange={onDistrict} minWidth={180} choices={districtChoices} native />
        <SearchField value={search} onChange={onSearch} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="unit-count">
          {shown.length} / {list.units.length} 个单元 · {list.year}年在用的方案版本
        </Typography>
      </PageHeader>
      {!list.computed && <Alert severity="info">{list.year}年的指标尚未计算，单元数值为空；在“指标总览”页计算后显示。</Alert>}
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" data-testid="unit-table" sx={BODY_STYLE}>
            <UnitHead measures={list.measures} />
            <UnitRows units={pageRows} measures={list.measures} go={w.go} />
            {shown.length === 0 && <TableBody><TableRow><TableCell colSpan={5 + list.measures.length}>没有符合条件的单元：请放宽类别、区县或搜索条件。</TableCell></TableRow></TableBody>}
          </Table>
        </TableContainer>
        <TablePagination component="div" count={shown.length} page={page} rowsPerPage={size} rowsPerPageOptions={[50, 100, 200]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage="每页" labelDisplayedRows={({ from, to, count }) => `${from}–${to}，共 ${count} 个`} />
      </Paper>
    </Stack>
  );
}

const mark = () => performance.mark('unit-filter:start');
const MemoPicker = memo(Picker) as typeof Picker;

const SearchField = memo(function SearchField({ value, onChange }: { value: string; onChange: (e: ChangeEvent<HTMLInputElement>) => void }) {
  return <TextField size="small" label="搜索编码或名称" value={value} onChange={onChange} slotProps={{ htmlInput: { 'data-testid': 'unit-search' } }} />;
});

const UnitHead = memo(function UnitHead({ measures }: { measures: UnitList['measures'] }) {
  return (
    <TableHead>
      <TableRow>
        <TableCell>单元编码</TableCell><TableCell>单元名称</TableCell><TableCell>类别</TableCell><TableCell>区县</TableCell><TableCell align="right">面积（km²）</TableCell>
        {measures.map((m) => <TableCell key={m.measure} align="right">{m.label}{m.unit ? `（${m.unit}）` : ''}</TableCell>)}
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
  const detail = useApi(`unit/${code}/${year}/${w.revision}`, () => w.client.call('units/get', { unit: code, year }));
  return (
    <Stack spacing={2}>
      <Box><Button onClick={() => w.go({ page: 'units' })}>← 返回单元列表</Button></Box>
      <Show loaded={detail} label="正在读取单元">{(d) => (
        <Stack spacing={2}>
          <PageHeader title={`${d.unit.name}（${d.unit.code}）`}>
            <Chip label={d.unit.typeName} sx={{ bgcolor: TYPE_COLOUR[d.unit.type], color: '#fff' }} />
            <Typography variant="body2" color="text.secondary">{d.unit.districtName} · {d.unit.planVersion}版方案 · 面积 {formatValue(d.unit.areaKm2, 2)} km²</Typography>
          </PageHeader>
          <Paper variant="outlined">
            {d.values.length === 0
              ? <Box sx={{ p: 2 }}><Empty title={`${year}年没有本单元的测算值`} next="单元内没有监测站点、断面或相关记录时没有单元级数值；不会用区县数值代替。" /></Box>
              : (
                <Table size="small" data-testid="unit-values">
                  <TableHead><TableRow><TableCell>测算</TableCell><TableCell align="right">数值</TableCell><TableCell align="right">分子 / 分母</TableCell><TableCell>状态</TableCell><TableCell>说明</TableCell></TableRow></TableHead>
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
