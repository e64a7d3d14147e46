// The lineage of one value: how it was measured, the batches that fed it (file, SHA-256, rows), for air values the
// entity's days of that pollutant with each day's validity ('measures/daily'), and, per batch, the source records
// behind it — of one day and pollutant once a day is picked — one page at a time ('lineage/records' pages in DuckDB).
import { useState } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Radio, Stack, Table, TableBody, TableCell,
  TableContainer, TableHead, TableRow, Typography,
} from '@mui/material';
import type { DailySeries } from '../../service/queries/daily-series.js';
import { useKept } from '../hooks/use-kept.js';
import { DataTable, type Column, type TableState } from './DataTable.js';
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
  const [day, setDay] = useState<{ day: string; pollutant: string } | undefined>(undefined);
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
      <Daily value={value} day={day?.day} onPick={(d, pollutant) => setDay({ day: d, pollutant })} />
      {day && <Box><Button size="small" onClick={() => setDay(undefined)} data-testid="lineage-all-days">{t('lineage.allDays')}</Button></Box>}
      {batch !== undefined && <Records value={value} batch={batch} day={day?.day} pollutant={day?.pollutant} />}
    </Stack>
  );
}

/** Numerators are sums of many values: a few decimals are enough to check them. */
export function number(x: number | null): string {
  return x === null ? '—' : String(Number(x.toFixed(3)));
}

type Day = DailySeries['days'][number];

/** The middle level: the entity's days of the indicator's pollutant, each with its validity; a day opens its hours. */
function Daily({ value, day, onPick }: { value: IndicatorValue; day: string | undefined; onPick: (day: string, pollutant: string) => void }) {
  const w = useWorkstation();
  const t = useT('common');
  const args = { indicator: value.indicator, entity: value.entity, year: value.year };
  const series = useApi(`daily/${JSON.stringify(args)}`, () => w.client.call('measures/daily', args));
  const [state, setState] = useState<TableState>({});
  if (series.state !== 'done' || series.data.pollutant === null) return null;
  const s = series.data;
  const pollutant = s.pollutant!;
  const columns: Column<Day>[] = [
    { key: 'day', header: t('lineage.day'), value: (d) => d.day },
    { key: 'value', header: t('lineage.dayMean', { pollutant, unit: s.unit }), value: (d) => d.value, decimals: s.decimals },
    { key: 'hours', header: t('lineage.validHours'), value: (d) => d.hours, decimals: 0 },
    { key: 'sites', header: t('lineage.sites'), value: (d) => d.validSites, text: (d) => `${d.validSites} / ${d.sites}` },
    { key: 'valid', header: t('lineage.validity'), value: (d) => (d.valid ? t('lineage.dayValid') : t('lineage.dayInvalid', { hours: 20 })) },
  ];
  return (
    <Box>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('lineage.daily', { pollutant })} <Typography component="span" variant="body2" color="text.secondary">
        {t('lineage.dailyAbout', { days: s.days.length, valid: s.days.filter((d) => d.valid).length })}</Typography></Typography>
      <DataTable testId="lineage-daily" rows={s.days} columns={columns} rowId={(d) => d.day} pageSize={25} maxHeight="none"
        state={state} onStateChange={setState} onRowClick={(d) => onPick(d.day, pollutant)} selected={day}
        exportName={t('lineage.dailyExport', { entity: value.entityName, year: value.year, pollutant })} />
    </Box>
  );
}

function Records({ value, batch, day, pollutant }: { value: IndicatorValue; batch: number; day?: string; pollutant?: string }) {
  const w = useWorkstation();
  const t = useT('common');
  const [state, setState] = useState<TableState>({ page: { page: 0, pageSize: 25 } });
  const key = `${batch}/${day ?? ''}`;
  const [shown, setShown] = useState(key);
  if (shown !== key) { setShown(key); setState({ page: { page: 0, pageSize: state.page?.pageSize ?? 25 } }); }
  const { page, pageSize: size } = state.page ?? { page: 0, pageSize: 25 };
  const args = { indicator: value.indicator, entity: value.entity, year: value.year, batch, offset: page * size, limit: size, ...(day && { day }), ...(pollutant && { pollutant }) };
  const records = useKept(useApi(JSON.stringify(args), () => w.client.call('lineage/records', args)));
  return (
    <Show loaded={records} label={t('lineage.recordsLoading')}>{(r) => (
      <Box>
        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('lineage.records')} <Typography component="span" variant="body2" color="text.secondary">
          {t('lineage.recordsOf', { id: r.batch.id, dataset: r.batch.datasetLabel, file: r.batch.file, filter: r.filter, total: formatCount(r.total) })}</Typography></Typography>
        <DataTable testId="lineage-records" rows={r.rows} rowId={(_row, k) => String(r.offset + k)} pageSize={25} maxHeight="none"
          columns={r.columns.map((c, j): Column<(string | null)[]> => ({ key: c.name, header: c.label, value: (row) => row[j] ?? '' }))}
          rowCount={r.total} state={state} onStateChange={setState}
          exportName={t('lineage.recordsExport', { id: r.batch.id, filter: r.filter })} />
      </Box>
    )}</Show>
  );
}
