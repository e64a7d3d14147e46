// 报告: generate a district's (or the city's, or all) report (.docx) and score workbook (.xlsx) into the workspace's
// report folder, with progress, in the evaluation cycle stored in the workspace (年度跟踪 or 五年评估). Below, every
// report generated for the year ('reports/list', kept in the workspace): what it came from and whether it is stale,
// with download (browser mode) or open file / open folder (desktop).
import { useState } from 'react';
import { Alert, Box, Button, Chip, List, ListItem, Paper, Stack, Typography } from '@mui/material';
import { ApiCallError, type Result } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { downloadReport } from '../api/files.js';
import { canOpenReports, openReport } from '../api/open-report.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { ReportTextsPanel } from '../components/ReportTextsPanel.js';
import { formatTime } from '../components/format.js';
import { useT } from '../i18n/i18n.js';

type GeneratedFile = Result<'reports/list'>['files'][number];
/** The five-year window of the year (from the stored evaluation), or null when it has not been evaluated. */
type Window = { from: number; to: number } | null;

export function ReportsPage({ id }: { id?: string }) {
  const w = useWorkstation();
  const t = useT('reports');
  if (!isComputed(w, w.year)) return <Empty title={t('notComputed.title', { year: w.year ?? '' })} next={t('notComputed.next')} action={{ label: t('notComputed.action'), onClick: () => w.go({ page: 'overview' }) }} />;
  return <Reports year={w.year} id={id} />;
}

function Reports({ year, id }: { year: number; id?: string }) {
  const w = useWorkstation();
  const t = useT('reports');
  const fiveYear = w.cycle === 'five-year';
  const sheets = useApi(`report-districts/${year}/${w.revision}`, () => w.client.call('scores/get', { year }));
  const windowOf = useApi<Window>(`report-window/${year}/${w.revision}/${w.cycle}`, fiveYear ? async () => {
    try {
      const ev = await w.client.call('evaluation/five-year', { year, entity: 'city' });
      return { from: ev.fromYear, to: ev.toYear };
    } catch (e) {
      if (e instanceof ApiCallError && e.error.code === 'NOT_EVALUATED') return null;
      throw e;
    }
  } : () => null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [generated, setGenerated] = useState(0);
  const call = useLongCall();
  const evaluated = windowOf.state === 'done' ? windowOf.data : null;
  const ready = !fiveYear || evaluated !== null;
  const generate = async (entity: string) => {
    setBusy(true);
    setError(null);
    try {
      const folders = await w.client.call('workspace/folders', {});
      await w.client.call('reports/generate', { year, entity, outDir: folders.reports, cycle: fiveYear ? 'five-year' : 'annual' }, call.start());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
      setGenerated((g) => g + 1); // files written before a cancel or failure are listed too
    }
  };
  const span = { from: evaluated?.from ?? year - 4, to: evaluated?.to ?? year };
  return (
    <Show loaded={sheets} label={t('loading')}>{({ sheets: all }) => {
      if (all.length === 0) return <Empty title={t('empty.title')} next={t('empty.next')} />;
      const sheet = all.find((s) => s.entity === id) ?? all[0]!;
      const entity = sheet.entity;
      return (
        <Stack spacing={2}>
          <PageHeader title={t('title')}>
            <DistrictPicker districts={all.map((s) => ({ code: s.entity, name: s.name }))} value={entity} onChange={(code) => w.go({ page: 'reports', id: code })} />
            <Button variant="contained" disabled={busy || !ready} onClick={() => void generate(entity)} data-testid="generate-report">
              {fiveYear ? t('fiveYear.district', span) : t('annual.district', { year })}
            </Button>
            <Button variant="outlined" disabled={busy || !ready} onClick={() => void generate('city')} data-testid="generate-city">
              {fiveYear ? t('fiveYear.city') : t('annual.city')}
            </Button>
            <Button variant="outlined" disabled={busy || !ready} onClick={() => void generate('all')} data-testid="generate-all">
              {fiveYear ? t('fiveYear.all') : t('annual.all')}
            </Button>
          </PageHeader>
          {fiveYear && windowOf.state === 'done' && (evaluated
            ? <Alert severity="info" data-testid="report-cycle">{t('fiveYear.cycle', span)}</Alert>
            : <Alert severity="warning" data-testid="report-cycle"
              action={<Button color="inherit" size="small" onClick={() => w.go({ page: 'five-year' })}>{t('fiveYear.go')}</Button>}>
              {t('fiveYear.missing', span)}
            </Alert>)}
          {!fiveYear && year % 5 === 0 && (
            // the same notice the annual report of an evaluation year carries on its first page (reports/five-year-data.ts)
            <Alert severity="info" data-testid="report-cycle">{t('annual.evaluationYear', { year, from: year - 4 })}</Alert>
          )}
          {windowOf.state === 'error' && <Alert severity="error">{windowOf.message}</Alert>}
          {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} label={t('progress')} />}
          {error && <Alert severity="error">{error}</Alert>}
          <GeneratedReports year={year} version={generated} />
          <ReportTextsPanel year={year} district={entity} districtName={sheet.name} />
        </Stack>
      );
    }}</Show>
  );
}

/** A report's two files (.docx and .xlsx) as one entry: same generation, same folder. */
interface Generation { key: string; report?: GeneratedFile; workbook?: GeneratedFile }

function generations(files: GeneratedFile[]): Generation[] {
  const byKey = new Map<string, Generation>();
  for (const f of files) {
    const key = `${f.cycle}/${f.entity}/${folderOf(f.path)}`;
    const g = byKey.get(key) ?? { key };
    g[f.kind] ??= f;
    byKey.set(key, g);
  }
  return [...byKey.values()];
}

const folderOf = (path: string) => path.replace(/[^\\/]*$/, '');

function GeneratedReports({ year, version }: { year: number; version: number }) {
  const w = useWorkstation();
  const t = useT('reports');
  const listed = useApi(`reports-list/${year}/${version}/${w.revision}`, () => w.client.call('reports/list', { year }));
  return (
    <Paper variant="outlined">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, px: 2, pt: 1.5 }}>{t('list.title')}</Typography>
      <Show loaded={listed} label={t('list.loading')}>{({ files }) => files.length === 0
        ? <Typography sx={{ p: 2 }} color="text.secondary">{t('list.none', { year })}</Typography>
        : (
          <List data-testid="report-files">
            {generations(files).map((g) => <GenerationItem key={g.key} g={g} />)}
          </List>
        )}</Show>
    </Paper>
  );
}

function GenerationItem({ g }: { g: Generation }) {
  const t = useT('reports');
  const first = (g.report ?? g.workbook)!;
  const s = first.snapshot;
  const reasons = [...new Set([...(g.report?.staleReasons ?? []), ...(g.workbook?.staleReasons ?? [])])];
  const name = first.cycle === 'five-year' && s.evaluationId !== null
    ? t('list.fiveYearName', { name: first.entityName, from: first.year - 4, to: first.year })
    : t('list.annualName', { name: first.entityName, year: first.year });
  const source = (s.evaluationId !== null ? t('list.sourceFiveYear', { id: s.evaluationId, time: formatTime(s.evaluationComputedAt ?? '') }) : '')
    + t('list.source', {
      year: first.year, run: s.runId, time: formatTime(s.runComputedAt), catalogue: s.catalogueId, version: s.catalogueVersion,
      layers: s.layerHashes.length ? t('list.layers', { hashes: s.layerHashes.join(' ') }) : '', batches: s.batchIds.length,
    });
  const folder = folderOf(first.path);
  return (
    <ListItem divider data-testid="generated-report" data-entity={first.entity} data-stale={reasons.length > 0} sx={{ alignItems: 'flex-start', gap: 2 }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Typography variant="body1" sx={{ fontWeight: 600 }}>{name}</Typography>
          {reasons.map((r) => <Chip key={r} size="small" color="warning" variant="outlined" label={t(`stale.${r}`)} data-testid="report-stale" />)}
        </Stack>
        <Typography variant="body2" color="text.secondary">{t('list.generated', { time: formatTime(first.generatedAt), user: first.user })}</Typography>
        <Typography variant="body2" color="text.secondary" data-testid="report-source">{source}</Typography>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', wordBreak: 'break-all' }}>
          {[g.report?.fileName, g.workbook?.fileName].filter(Boolean).join(' · ')}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ display: 'block', wordBreak: 'break-all' }}>{t('list.folder', { path: folder })}</Typography>
      </Box>
      {canOpenReports()
        ? (
          <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
            {g.report && <FileAction label={t('open.report')} disabled={g.report.staleReasons.includes('missing')} run={() => openReport('file', g.report!.path)} />}
            {g.workbook && <FileAction label={t('open.workbook')} disabled={g.workbook.staleReasons.includes('missing')} run={() => openReport('file', g.workbook!.path)} />}
            <FileAction label={t('open.folder')} disabled={false} run={() => openReport('folder', (g.report ?? g.workbook)!.path)} />
          </Stack>
        )
        : (
          <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
            {g.report && <FileAction label={t('download.report')} disabled={g.report.staleReasons.includes('missing')} run={() => downloadReport(g.report!.path)} />}
            {g.workbook && <FileAction label={t('download.workbook')} disabled={g.workbook.staleReasons.includes('missing')} run={() => downloadReport(g.workbook!.path)} />}
            <CopyButton text={folder} />
          </Stack>
        )}
    </ListItem>
  );
}

function FileAction({ label, disabled, run }: { label: string; disabled: boolean; run: () => Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack>
      <Button variant="outlined" size="small" disabled={disabled} onClick={() => { setError(null); run().catch((e: unknown) => setError(errorMessage(e))); }}>{label}</Button>
      {error && <Typography variant="caption" color="error">{error}</Typography>}
    </Stack>
  );
}

function CopyButton({ text }: { text: string }) {
  const t = useT('reports');
  const [state, setState] = useState<'idle' | 'done' | 'failed'>('idle');
  const copy = () => navigator.clipboard.writeText(text).then(() => setState('done'), () => setState('failed'));
  return (
    <Stack sx={{ maxWidth: 180 }}>
      <Button size="small" onClick={() => void copy()} data-testid="copy-folder">{state === 'done' ? t('copy.done') : t('copy.button')}</Button>
      {state === 'failed' && <Typography variant="caption" color="error">{t('copy.failed')}</Typography>}
    </Stack>
  );
}
