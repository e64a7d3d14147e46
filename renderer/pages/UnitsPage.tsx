// 管控单元: all units in force in the year (one aggregated 'units/list' answer), filtered on the client by type,
// district and a search text; a unit's own page lists its measures.
import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow,
  TextField, Typography,
} from '@mui/material';
import type { UnitList, UnitRow } from '../../service/queries/units.js';
import { formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
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
  const mark = () => performance.mark('unit-filter:start');
  if (page * size >= Math.max(shown.length, 1)) setPage(0);
  const counts = [1, 2, 3].map((t) => list.units.filter((u) => u.type === t).length);
  return (
    <Stack spacing={2}>
      <PageHeader title="管控单元">
        <Picker id="unit-type-select" label="单元类别" value={type} onChange={(v) => { mark(); setType(v); }} minWidth={160}
          choices={[{ value: 0, label: '全部类别' }, { value: 1, label: `优先保护单元（${counts[0]}）` }, { value: 2, label: `重点管控单元（${counts[1]}）` }, { value: 3, label: `一般管控单元（${counts[2]}）` }]} />
        <Picker id="unit-district-select" label="区县" value={district} onChange={(v) => { mark(); setDistrict(v); }} minWidth={180}
          choices={[{ value: 'all', label: '全部区县' }, ...districts.map(([c, n]) => ({ value: c, label: n }))]} />
        <TextField size="small" label="搜索编码或名称" value={search} onChange={(e) => { mark(); setSearch(e.target.value); }}
          slotProps={{ htmlInput: { 'data-testid': 'unit-search' } }} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }} data-testid="unit-count">
          {shown.length} / {list.units.length} 个单元 · {list.year}年在用的方案版本
        </Typography>
      </PageHeader>
      {!list.computed && <Alert severity="info">{list.year}年的指标尚未计算，单元数值为空；在“指标总览”页计算后显示。</Alert>}
      <Paper variant="outlined">
        <TableContainer>
          <Table size="small" data-testid="unit-table">
            <TableHead>
              <TableRow>
                <TableCell>单元编码</TableCell><TableCell>单元名称</TableCell><TableCell>类别</TableCell><TableCell>区县</TableCell><TableCell align="right">面积（km²）</TableCell>
                {list.measures.map((m) => <TableCell key={m.measure} align="right">{m.label}{m.unit ? `（${m.unit}）` : ''}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.slice(page * size, page * size + size).map((u) => <UnitTableRow key={u.code} unit={u} list={list} onOpen={() => w.go({ page: 'units', id: u.code })} />)}
              {shown.length === 0 && <TableRow><TableCell colSpan={5 + list.measures.length}>没有符合条件的单元：请放宽类别、区县或搜索条件。</TableCell></TableRow>}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination component="div" count={shown.length} page={page} rowsPerPage={size} rowsPerPageOptions={[50, 100, 200]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage="每页" labelDisplayedRows={({ from, to, count }) => `${from}–${to}，共 ${count} 个`} />
      </Paper>
    </Stack>
  );
}

function UnitTableRow({ unit, list, onOpen }: { unit: UnitRow; list: UnitList; onOpen: () => void }) {
  return (
    <TableRow hover onClick={onOpen} sx={{ cursor: 'pointer' }} data-unit={unit.code}>
      <TableCell sx={{ fontFamily: 'monospace' }}>{unit.code}</TableCell>
      <TableCell>{unit.name}</TableCell>
      <TableCell><Chip size="small" variant="outlined" label={unit.typeName} sx={{ borderColor: TYPE_COLOUR[unit.type], color: TYPE_COLOUR[unit.type] }} /></TableCell>
      <TableCell>{unit.districtName}</TableCell>
      <TableCell align="right">{formatValue(unit.areaKm2, 2)}</TableCell>
      {list.measures.map((m, k) => <TableCell key={m.measure} align="right">{formatValue(unit.values[k], m.decimals)}</TableCell>)}
    </TableRow>
  );
}

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
