// 数据导入: a wizard — pick files → upload → dry run (what was detected, rows accepted/refused, the errors of a
// refused file) → commit with progress → the batch list with provenance, where a batch can be removed.
import { useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, Step,
  StepLabel, Stepper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { ApiCallError, type ApiError, type BatchInfo, type TemplateList } from '../../service/contract.js';
import type { RowError } from '../../analytics/errors.js';
import type { ImportResult } from '../../analytics/import/import-files.js';
import { useApi, errorMessage } from '../hooks/use-api.js';
import { columnLabel, datasetLabel, useWorkstation } from '../workstation.js';
import { uploadFile } from '../api/files.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, Show } from '../components/Feedback.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { ComputeButton } from '../components/ComputeButton.js';
import { useT } from '../i18n/i18n.js';
import { formatTime, formatCount } from '../components/format.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { HeaderMappingDialog } from '../components/HeaderMappingDialog.js';
import { fileHeaders } from '../api/file-headers.js';
import { datasetWord, serverWord } from '../i18n/server-words.js';
import type { DatasetName } from '../../analytics/import/datasets.js';
import { useTableUrlState } from '../hooks/use-route.js';
import { Picker } from '../components/Selectors.js';
import { downloadReport } from '../api/files.js';

type Stage =
  | { step: 'pick' }
  | { step: 'checking'; files: File[] }
  | { step: 'checked'; paths: string[]; result: ImportResult; dataset?: DatasetName }
  | { step: 'refused'; error: ApiError; files?: File[]; paths?: string[]; dataset?: DatasetName }
  | { step: 'committing'; paths: string[] }
  | { step: 'done'; result: ImportResult };

const STEPS = ['pick', 'check', 'import', 'done'] as const;
const STEP_INDEX: Record<Stage['step'], number> = { pick: 0, checking: 1, checked: 1, refused: 1, committing: 2, done: 3 };

function asApiError(e: unknown): ApiError {
  return e instanceof ApiCallError ? e.error : { code: 'ERROR', message: errorMessage(e) };
}

export function ImportPage() {
  const w = useWorkstation();
  const t = useT('dataImport');
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [picked, setPicked] = useState<File[]>([]);
  const call = useLongCall();

  const check = async (files: File[], uploaded?: string[], dataset?: DatasetName) => {
    setStage({ step: 'checking', files });
    const paths: string[] = uploaded ?? [];
    try {
      if (!uploaded) for (const f of files) paths.push((await uploadFile(f)).path);
      const result = await w.client.call('import/files', { paths, dryRun: true, ...(dataset && { dataset }) }, call.start());
      setStage({ step: 'checked', paths, result, dataset });
    } catch (e) {
      setStage({ step: 'refused', error: asApiError(e), files, ...(paths.length === files.length && { paths }), dataset });
    }
  };
  const commit = async (paths: string[], dataset?: DatasetName) => {
    setStage({ step: 'committing', paths });
    try {
      const result = await w.client.call('import/files', { paths, ...(dataset && { dataset }) }, call.start());
      setStage({ step: 'done', result });
      w.refresh();
    } catch (e) {
      setStage({ step: 'refused', error: asApiError(e) });
    }
  };
  const restart = () => { setPicked([]); setStage({ step: 'pick' }); };

  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1, minWidth: 320 }}>{t('about')}</Typography>
        <TemplateButton />
      </PageHeader>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stepper activeStep={STEP_INDEX[stage.step]} sx={{ mb: 2 }}>
          {STEPS.map((s) => <Step key={s}><StepLabel error={stage.step === 'refused' && s === 'check'}>{t(`step.${s}`)}</StepLabel></Step>)}
        </Stepper>
        {stage.step === 'pick' && (
          <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
            <Button variant="outlined" component="label">
              {t('pick.choose')}
              <input hidden type="file" multiple accept=".csv,.txt,.xlsx,.xls,.parquet,.json,.geojson" data-testid="file-input"
                onChange={(e) => setPicked([...(e.target.files ?? [])])} />
            </Button>
            {picked.length === 0
              ? <Typography color="text.secondary">{t('pick.none')}</Typography>
              : <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>{picked.map((f) => <Chip key={f.name} label={t('pick.file', { name: f.name, size: (f.size / 1024).toFixed(0) })} />)}</Stack>}
            <Button variant="contained" disabled={picked.length === 0} onClick={() => void check(picked)} data-testid="dry-run">{t('pick.dryRun')}</Button>
          </Stack>
        )}
        {stage.step === 'checking' && <ProgressLine progress={call.progress} label={t('checking', { n: stage.files.length })} onCancel={call.cancel} />}
        {stage.step === 'refused' && (
          <Refused error={stage.error} onRestart={restart}
            onMapped={stage.files && stage.paths ? ((dataset) => void check(stage.files!, stage.paths, dataset)) : undefined}
            files={stage.files} dataset={stage.dataset} />
        )}
        {stage.step === 'checked' && (
          <Stack spacing={2}>
            <Alert severity="success">{t('checked')}</Alert>
            <DetectedFiles result={stage.result} />
            <Stack direction="row" spacing={1}>
              <Button variant="contained" onClick={() => void commit(stage.paths, stage.dataset)} data-testid="commit">{t('commit')}</Button>
              <Button onClick={restart}>{t('cancel')}</Button>
            </Stack>
          </Stack>
        )}
        {stage.step === 'committing' && <ProgressLine progress={call.progress} label={t('committing')} onCancel={call.cancel} />}
        {stage.step === 'done' && (
          <Stack spacing={2}>
            <Alert severity="success" data-testid="import-done">
              {t('done', {
                files: stage.result.batches.filter((b) => b.id !== null).length,
                rows: formatCount(stage.result.batches.reduce((s, b) => s + b.accepted, 0)),
              })}
            </Alert>
            <DetectedFiles result={stage.result} />
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              {w.year !== undefined && <ComputeButton year={w.year} />}
              <Button onClick={restart}>{t('more')}</Button>
            </Stack>
          </Stack>
        )}
      </Paper>
      <BatchList />
    </Stack>
  );
}

/** Refusals a named dataset and mapped headers can cure. */
const MAPPABLE = ['DATASET_NOT_RECOGNISED', 'MISSING_COLUMNS'];

function Refused({ error, onRestart, onMapped, files, dataset }: {
  error: ApiError; onRestart: () => void; onMapped?: (dataset: DatasetName) => void; files?: File[]; dataset?: DatasetName;
}) {
  const t = useT('dataImport');
  const rows = error.rowErrors ?? [];
  const [mapping, setMapping] = useState<{ file: string; headers: string[] } | null>(null);
  // the file the refusal names (one file of several picked)
  const file = files?.find((f) => f.name === rows[0]?.file) ?? (files?.length === 1 ? files[0] : undefined);
  const mappable = onMapped && file && MAPPABLE.includes(error.code);
  return (
    <Stack spacing={2}>
      <Alert severity="error" data-testid="import-refused">{error.message}</Alert>
      {mappable && (
        <Alert severity="info" data-testid="mapping-offer"
          action={<Button color="inherit" size="small" onClick={() => void fileHeaders(file).then((headers) => setMapping({ file: file.name, headers }))}
            data-testid="map-headers">{t('mapping.open')}</Button>}>
          {t('mapping.offer')}
        </Alert>
      )}
      {mapping && onMapped && (
        <HeaderMappingDialog file={mapping.file} headers={mapping.headers} initialDataset={dataset} onClose={() => setMapping(null)}
          onApplied={(d) => { setMapping(null); onMapped(d); }} />
      )}
      {rows.length > 0 && (
        <>
          <Typography data-testid="row-error-count">{t('refused.count', { n: formatCount(rows.length) })}</Typography>
          <DataTable testId="row-errors" rows={rows} rowId={(_r, k) => String(k)} pageSize={50} exportName={t('refused.exportName')}
            columns={[
              { key: 'file', header: t('refused.file'), value: (r) => r.file },
              { key: 'row', header: t('refused.row'), value: (r) => r.row, decimals: 0, text: (r) => (r.row === 0 ? t('refused.header') : String(r.row)) },
              // an Excel sheet's row and column as the person filling it sees them (第 7 行 D 列（监测日期）)
              ...(rows.some((r) => r.where) ? [{ key: 'where', header: t('refused.where'), value: (r: RowError) => r.where ?? '' }] : []),
              { key: 'column', header: t('refused.column'), value: (r) => r.column },
              { key: 'value', header: t('refused.value'), value: (r) => r.value ?? '' },
              { key: 'reason', header: t('refused.reason'), value: (r) => r.reason, wrap: true, grow: true },
            ]} />
        </>
      )}
      <Typography color="text.secondary">{t('refused.nothingWritten')}</Typography>
      <Box><Button variant="contained" onClick={onRestart}>{t('refused.restart')}</Button></Box>
    </Stack>
  );
}

function DetectedFiles({ result }: { result: ImportResult }) {
  const w = useWorkstation();
  const t = useT('dataImport');
  return (
    <TableContainer>
      <Table size="small" data-testid="detected-files">
        <TableHead>
          <TableRow>
            <TableCell>{t('detected.file')}</TableCell><TableCell>{t('detected.dataset')}</TableCell><TableCell>{t('detected.encoding')}</TableCell>
            <TableCell>{t('detected.sheet')}</TableCell><TableCell align="right">{t('detected.headerRow')}</TableCell><TableCell>{t('detected.mapping')}</TableCell>
            <TableCell align="right">{t('detected.rows')}</TableCell><TableCell align="right">{t('detected.accepted')}</TableCell>
            <TableCell align="right">{t('detected.rejected')}</TableCell><TableCell>{t('detected.note')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.batches.map((b) => (
            <TableRow key={b.path}>
              <TableCell>{b.file}</TableCell><TableCell title={b.dataset}>{datasetLabel(w, b.dataset)}</TableCell><TableCell>{b.encoding}</TableCell><TableCell>{b.sheet ?? '—'}</TableCell>
              <TableCell align="right">{b.headerRow}</TableCell>
              <TableCell sx={{ maxWidth: 360 }}>
                <Typography variant="caption">{b.mapping.map((m) => `${m.header} → ${columnLabel(w, b.dataset, m.column)}`).join(t('detected.mappingSeparator'))}</Typography>
                {b.ignoredColumns.length > 0 && <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>{t('detected.unused', { columns: b.ignoredColumns.join(t('detected.unusedSeparator')) })}</Typography>}
              </TableCell>
              <TableCell align="right">{formatCount(b.rows)}</TableCell>
              <TableCell align="right">{formatCount(b.accepted)}</TableCell>
              <TableCell align="right">{formatCount(b.rejected)}</TableCell>
              <TableCell>
                {b.skippedAsDuplicateOf !== undefined && t('detected.duplicate', { id: b.skippedAsDuplicateOf })}
                {b.supersedes !== undefined && t('detected.supersedes', { id: b.supersedes })}
                {b.id !== null && t('detected.batch', { id: b.id })}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function BatchList() {
  const w = useWorkstation();
  const t = useT('dataImport');
  const [version, setVersion] = useState(0);
  const batches = useApi(`batches/${w.revision}/${version}`, () => w.client.call('batches/list', {}));
  const [removing, setRemoving] = useState<BatchInfo | null>(null);
  return (
    <Paper variant="outlined">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, px: 2, pt: 1.5 }}>{t('batches.title')}</Typography>
      <Show loaded={batches} label={t('batches.loading')}>{(list) => list.length === 0
        ? <Box sx={{ p: 2 }}><Empty title={t('batches.emptyTitle')} next={t('batches.emptyNext')} /></Box>
        : (
          <BatchTable list={list} onRemove={setRemoving} />
        )}</Show>
      {removing && <RemoveDialog batch={removing} onClose={(removed) => { setRemoving(null); if (removed) { setVersion((v) => v + 1); w.refresh(); } }} />}
    </Paper>
  );
}

function BatchTable({ list, onRemove }: { list: BatchInfo[]; onRemove: (b: BatchInfo) => void }) {
  const w = useWorkstation();
  const datasets = w.datasets;
  const t = useT('dataImport');
  const table = useTableUrlState('b');
  const rows = useMemo(() => [...list].reverse(), [list]);
  const columns = useMemo((): Column<BatchInfo>[] => [
    { key: 'id', header: t('batches.batch'), value: (b) => b.id, decimals: 0, align: 'left' },
    { key: 'dataset', header: t('batches.dataset'), value: (b) => datasetWord(b.dataset, datasets.find((d) => d.name === b.dataset)?.label ?? b.dataset) },
    { key: 'file', header: t('batches.file'), value: (b) => b.file, width: 220, wrap: true },
    { key: 'sha256', header: 'SHA-256', value: (b) => b.sha256, text: (b) => `${b.sha256.slice(0, 12)}…`, monospace: true },
    { key: 'rows', header: t('batches.rows'), value: (b) => b.rows, decimals: 0, text: (b) => `${formatCount(b.rows)} / ${formatCount(b.accepted)} / ${formatCount(b.rejected)}` },
    { key: 'source', header: t('batches.source'), value: (b) => `${b.encoding ?? '—'}${b.sheet ? ` · ${b.sheet}` : ''}` },
    { key: 'importedAt', header: t('batches.importedAt'), value: (b) => b.importedAt, text: (b) => formatTime(b.importedAt) },
    { key: 'status', header: t('batches.status'), value: (b) => serverWord(b.status) },
    { key: 'remove', header: '', value: () => null, action: true, width: 90,
      render: (b) => b.active && <Button size="small" color="error" onClick={(e) => { e.stopPropagation(); onRemove(b); }}>{t('batches.remove')}</Button> },
  ], [t, datasets, onRemove]);
  return (
    <DataTable testId="batch-list" rows={rows} columns={columns} rowId={(b) => String(b.id)} state={table.state} onStateChange={table.onStateChange}
      label={t('batches.title')} exportName={t('batches.exportName')} />
  );
}

function RemoveDialog({ batch, onClose }: { batch: BatchInfo; onClose: (removed: boolean) => void }) {
  const w = useWorkstation();
  const t = useT('dataImport');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await w.client.call('batches/remove', { id: batch.id, reason });
      onClose(true);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={() => onClose(false)}>
      <DialogTitle>{t('remove.title', { id: batch.id })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('remove.text', { file: batch.file, rows: formatCount(batch.accepted) })}</DialogContentText>
        <TextField autoFocus fullWidth margin="normal" label={t('remove.reason')} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>{t('remove.cancel')}</Button>
        <Button color="error" variant="contained" disabled={busy || reason.trim() === ''} onClick={() => void remove()}>{t('remove.confirm')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** 下载填报模板: the .xlsx a district fills for one dataset, or its pack of every template (.zip). */
function TemplateButton() {
  const t = useT('dataImport');
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)} data-testid="template-open">{t('template.button')}</Button>
      {open && <TemplateDialog onClose={() => setOpen(false)} />}
    </>
  );
}

function TemplateDialog({ onClose }: { onClose: () => void }) {
  const w = useWorkstation();
  const t = useT('dataImport');
  const list = useApi('templates/list', () => w.client.call('templates/list', {}));
  const [district, setDistrict] = useState<string | undefined>(undefined);
  const [year, setYear] = useState(String(w.year ?? w.years[0] ?? new Date().getFullYear()));
  const [dataset, setDataset] = useState('all');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const write = async (l: TemplateList) => {
    setBusy(true);
    setMessage(null);
    try {
      const folders = await w.client.call('workspace/folders', {});
      const written = await w.client.call('templates/write', {
        dataset: dataset as TemplateList['datasets'][number]['name'] | 'all', district: district ?? l.districts[0]!.code, year: Number(year), outDir: folders.reports,
      });
      // Desktop has no download route: the file stays in the report folder, whose path is shown.
      if (!window.zonetrack) await downloadReport(written.path);
      setMessage({ ok: true, text: written.pack ? t('template.donePack', { n: written.files.length, path: written.path }) : t('template.done', { path: written.path }) });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{t('template.title')}</DialogTitle>
      <DialogContent>
        <Show loaded={list} label={t('template.loading')}>{(l) => (
          <Stack spacing={2} sx={{ pt: 1 }}>
            <DialogContentText>{t('template.text')}</DialogContentText>
            <Picker id="template-district" label={t('template.district')} value={district ?? l.districts[0]?.code ?? ''} onChange={setDistrict} native minWidth={240}
              choices={l.districts.map((d) => ({ value: d.code, label: t('template.districtChoice', { name: d.name, code: d.code }) }))} />
            <TextField size="small" type="number" label={t('template.year')} value={year} onChange={(e) => setYear(e.target.value)}
              slotProps={{ htmlInput: { min: 2000, max: 2100, 'data-testid': 'template-year' } }} sx={{ maxWidth: 160 }} />
            <Picker id="template-dataset" label={t('template.dataset')} value={dataset} onChange={setDataset} native minWidth={320}
              choices={[{ value: 'all', label: t('template.all', { n: l.datasets.length }) }, ...l.datasets.map((d) => ({ value: d.name as string, label: d.label }))]} />
            <Typography variant="caption" color="text.secondary">{t('template.cityHeld')}</Typography>
            {message && <Alert severity={message.ok ? 'success' : 'error'} data-testid="template-message">{message.text}</Alert>}
            <DialogActions sx={{ px: 0 }}>
              <Button onClick={onClose}>{t('template.close')}</Button>
              <Button variant="contained" disabled={busy || l.districts.length === 0 || !/^\d{4}$/.test(year)} onClick={() => void write(l)} data-testid="template-write">
                {busy ? t('template.busy') : t('template.write')}
              </Button>
            </DialogActions>
          </Stack>
        )}</Show>
      </DialogContent>
    </Dialog>
  );
}
