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
import { useT } from '../i18n/i18n.js';
import { formatCount } from './format.js';

export function LineageDialog({ indicator, entity, year, onClose }: { indicator: string; entity: string; year: number; onClose: () => void }) {
  const w = useWorkstation();
  const t = useT('common');
  const value = useApi(`value/${indicator}/${entity}/${year}`, () => w.client.call('indicators/value', { indicator, entity, year }));
  return (
    <Dialog open onClose={onClose} maxWidth="xl" fullWidth aria-labelledby="lineage-title">
      <DialogTitle id="lineage-title">{t('lineage.title', { id: indicator, name: w.catalogue.indicators.find((i) => i.id === indicator)?.name ?? '' })}</DialogTitle>
      <DialogContent dividers data-testid="lineage">
        <Show loaded={value} label={t('lineage.loading')}>{(v) => <Lineage value={v} />}</Show>
      </DialogContent>
      <DialogActions><Button onClick={onClose}>{t('close')}</Button></DialogActions>
    </Dialog>
  );
}

function Lineage({ value }: { value: IndicatorValue }) {
  const w = useWorkstation();
  const t = useT('common');
  const entry = w.catalogue.indicators.find((i) => i.id === value.indicator);
  const largest = [...value.batches].sort((a, b) => b.rows - a.rows)[0];
  const [batch, setBatch] = useState<number | undefined>(largest?.id);
  return (
    <Stack spacing={2}>
      <Box>
        <Typography variant="h5" component="p" data-testid="lineage-value">
          {t('lineage.value', { entity: value.entityName, year: value.year, value: formatValue(value.value, value.decimals), unit: value.unit })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('lineage.details', {
            measure: entry?.measure ?? '—', numerator: number(value.numerator), denominator: number(value.denominator),
            completeness: (value.completeness * 100).toFixed(0), target: formatValue(value.target, value.decimals), targetSource: value.targetSource ?? t('none'),
            status: value.status, points: formatPoints(value.points), maxPoints: formatPoints(value.maxPoints), edition: value.standardEdition, run: value.runId,
          })}
        </Typography>
        {value.explanation && <Typography variant="body2" sx={{ mt: 1 }}>{value.explanation}</Typography>}
      </Box>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('lineage.batches')}</Typography>
      {value.batches.length === 0
        ? <Alert severity="info">{t('lineage.noBatches')}</Alert>
        : (
          <TableContainer>
            <Table size="small" data-testid="lineage-batches">
              <TableHead><TableRow><TableCell padding="checkbox" /><TableCell>{t('lineage.batch')}</TableCell><TableCell>{t('lineage.dataset')}</TableCell><TableCell>{t('lineage.file')}</TableCell><TableCell>SHA-256</TableCell><TableCell align="right">{t('lineage.rows')}</TableCell></TableRow></TableHead>
              <TableBody>
                {value.batches.map((b) => (
                  <TableRow key={b.id} hover selected={b.id === batch} onClick={() => setBatch(b.id)} sx={{ cursor: 'pointer' }} data-batch={b.id}>
                    <TableCell padding="checkbox"><Radio size="small" checked={b.id === batch} slotProps={{ input: { 'aria-label': t('lineage.viewBatch', { id: b.id }) } }} /></TableCell>
                    <TableCell>{b.id}</TableCell><TableCell title={b.dataset}>{datasetLabel(w, b.dataset)}</TableCell><TableCell>{b.file}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }} title={b.sha256}>{b.sha256.slice(0, 16)}…</TableCell>
                    <TableCell align="right">{formatCount(b.rows)}</TableCell>
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
  const t = useT('common');
  const [page, setPage] = useState(0);
  const [size, setSize] = useState(25);
  const [shownBatch, setShownBatch] = useState(batch);
  if (shownBatch !== batch) { setShownBatch(batch); setPage(0); }
  const args = { indicator: value.indicator, entity: value.entity, year: value.year, batch, offset: page * size, limit: size };
  const records = useApi(JSON.stringify(args), () => w.client.call('lineage/records', args));
  return (
    <Show loaded={records} label={t('lineage.recordsLoading')}>{(r) => (
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('lineage.records')} <Typography component="span" variant="body2" color="text.secondary">
          {t('lineage.recordsOf', { id: r.batch.id, dataset: r.batch.datasetLabel, file: r.batch.file, filter: r.filter, total: formatCount(r.total) })}</Typography></Typography>
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
          labelRowsPerPage={t('lineage.perPage')} labelDisplayedRows={({ from, to, count }) => t('lineage.shownRows', { from, to, count })} />
      </Box>
    )}</Show>
  );
}
