// The lineage of one value: how it was measured, the batches that fed it (file, SHA-256, rows) and, per batch,
// the source records behind it, one page at a time ('lineage/records' pages in DuckDB).
import { useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Radio, Stack, Table, TableBody, TableCell,
  TableContainer, TableHead, TablePagination, TableRow, Typography,
} from '@mui/material';
import type { IndicatorValue } from '../../indicators/results.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { datasetLabel, useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';

export function LineageDialog({ indicator, entity, year, onClose }: { indicator: string; entity: string; year: number; onClose: () => void }) {
  const w = useWorkstation();
  const value = useApi(`value/${indicator}/${entity}/${year}`, () => w.client.call('indicators/value', { indicator, entity, year }));
  return (
    <Dialog open onClose={onClose} maxWidth="xl" fullWidth aria-labelledby="lineage-title">
      <DialogTitle id="lineage-title">数据来源：{indicator} {w.catalogue.indicators.find((i) => i.id === indicator)?.name}</DialogTitle>
      <DialogContent dividers data-testid="lineage">
        <Show loaded={value} label="正在读取来源">{(v) => <Lineage value={v} />}</Show>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>关闭</Button></DialogActions>
    </Dialog>
  );
}

function Lineage({ value }: { value: IndicatorValue }) {
  const w = useWorkstation();
  const entry = w.catalogue.indicators.find((i) => i.id === value.indicator);
  const largest = [...value.batches].sort((a, b) => b.rows - a.rows)[0];
  const [batch, setBatch] = useState<number | undefined>(largest?.id);
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="h5" component="p" data-testid="lineage-value">
          {value.entityName} {value.year}年：{formatValue(value.value, value.decimals)} {value.unit}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          测算：{entry?.measure ?? '—'} · 分子 {number(value.numerator)} / 分母 {number(value.denominator)} · 数据完整率 {(value.completeness * 100).toFixed(0)}% ·
          目标 {formatValue(value.target, value.decimals)}（{value.targetSource ?? '无'}）· {value.status} · 得分 {formatPoints(value.points)}/{formatPoints(value.maxPoints)} ·
          空气标准 GB 3095-{value.standardEdition} · 计算批次 {value.runId}
        </Typography>
        {value.explanation && <Typography variant="body2" sx={{ mt: 1 }}>{value.explanation}</Typography>}
      </Box>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>数据批次</Typography>
      {value.batches.length === 0
        ? <Alert severity="info">此数值没有导入数据作为来源（例如计数为零、或取自指标体系的规定值）。</Alert>
        : (
          <TableContainer>
            <Table size="small" data-testid="lineage-batches">
              <TableHead><TableRow><TableCell padding="checkbox" /><TableCell>批次</TableCell><TableCell>数据集</TableCell><TableCell>文件</TableCell><TableCell>SHA-256</TableCell><TableCell align="right">行数</TableCell></TableRow></TableHead>
              <TableBody>
                {value.batches.map((b) => (
                  <TableRow key={b.id} hover selected={b.id === batch} onClick={() => setBatch(b.id)} sx={{ cursor: 'pointer' }} data-batch={b.id}>
                    <TableCell padding="checkbox"><Radio size="small" checked={b.id === batch} slotProps={{ input: { 'aria-label': `查看批次${b.id}的记录` } }} /></TableCell>
                    <TableCell>{b.id}</TableCell><TableCell title={b.dataset}>{datasetLabel(w, b.dataset)}</TableCell><TableCell>{b.file}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }} title={b.sha256}>{b.sha256.slice(0, 16)}…</TableCell>
                    <TableCell align="right">{b.rows.toLocaleString('zh-CN')}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      {batch !== undefined && <Records value={value} batch={batch} />}
    </Stack>
  );
}

/** Numerators are sums of many values: a few decimals are enough to check them. */
export function number(x: number | null): string {
  return x === null ? '—' : String(Number(x.toFixed(3)));
}

function Records({ value, batch }: { value: IndicatorValue; batch: number }) {
  const w = useWorkstation();
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const [shownBatch, setShownBatch] = useState(batch);
  if (shownBatch !== batch) { setShownBatch(batch); setPage(0); }
  const args = { indicator: value.indicator, entity: value.entity, year: value.year, batch, offset: page * size, limit: size };
  const records = useApi(JSON.stringify(args), () => w.client.call('lineage/records', args));
  return (
    <Show loaded={records} label="正在读取原始记录">{(r) => (
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>原始记录 <Typography component="span" variant="body2" color="text.secondary">
          批次{r.batch.id}（{r.batch.datasetLabel}，{r.batch.file}）· {r.filter} · 共 {r.total.toLocaleString('zh-CN')} 条</Typography></Typography>
        <TableContainer sx={{ maxHeight: 420 }}>
          <Table size="small" stickyHeader data-testid="lineage-records">
            <TableHead><TableRow>{r.columns.map((c) => <TableCell key={c.name} title={c.name}>{c.label}</TableCell>)}</TableRow></TableHead>
            <TableBody>
              {r.rows.map((row, k) => (
                <TableRow key={k}>{row.map((cell, j) => <TableCell key={j} sx={{ whiteSpace: 'nowrap' }}>{cell ?? ''}</TableCell>)}</TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
        <TablePagination component="div" count={r.total} page={page} rowsPerPage={size} rowsPerPageOptions={[25, 50, 100]}
          onPageChange={(_e, p) => setPage(p)} onRowsPerPageChange={(e) => { setSize(Number(e.target.value)); setPage(0); }}
          labelRowsPerPage="每页" labelDisplayedRows={({ from, to, count }) => `${from}–${to}，共 ${count} 条`} />
      </Box>
    )}</Show>
  );
}
