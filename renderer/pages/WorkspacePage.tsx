// 工作空间: which workspace is open (file, size, schema), the year and cycle being worked on with what each year
// was computed with and would be computed with now, the catalogue and layers in force, backups, recent actions.
import { useState, type ReactNode } from 'react';
import { Trans } from 'react-i18next';
import {
  Alert, Box, Button, Chip, Grid, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow,
  ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import type { WorkspaceStatus, YearStatus } from '../../service/queries/workspace-status.js';
import type { CycleSetting } from '../../analytics/settings/workspace-settings.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, Show } from '../components/Feedback.js';
import { Picker } from '../components/Selectors.js';
import { ComputeButton } from '../components/ComputeButton.js';
import { LongCallButton } from '../components/LongCallButton.js';
import { BackupsPanel } from '../components/BackupsPanel.js';
import { AuditPanel } from '../components/AuditPanel.js';
import { formatBytes, formatTime } from '../components/format.js';
import { useLanguage, useT } from '../i18n/i18n.js';

export function WorkspacePage() {
  const w = useWorkstation();
  const t = useT('workspace');
  const [version, setVersion] = useState(0);
  const status = useKept(useApi(`workspace-status/${w.revision}/${version}`, () => w.client.call('workspace/status', {})));
  const changed = () => { setVersion((v) => v + 1); w.refresh(); };
  return (
    <Show loaded={status} label={t('loading')}>{(s) => (
      <Stack spacing={2}>
        <PageHeader title={t('title')}>
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }} data-testid="workspace-file">{s.path}</Typography>
        </PageHeader>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}><FilePanel s={s} /></Grid>
          <Grid size={{ xs: 12, md: 6 }}><CataloguePanel s={s} /></Grid>
        </Grid>
        <EvaluationPanel s={s} onChanged={() => setVersion((v) => v + 1)} />
        <YearsTable years={s.years} />
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 5 }}><BackupsPanel readOnly={s.readOnly} onChanged={changed} /></Grid>
          <Grid size={{ xs: 12, lg: 7 }}><AuditPanel version={version} /></Grid>
        </Grid>
      </Stack>
    )}</Show>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  // one label column: wide enough for the longest label of the language ("Program version")
  const width = useLanguage() === 'en' ? 136 : 96;
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5 }}>
      <Typography color="text.secondary" sx={{ minWidth: width, flexShrink: 0 }}>{label}</Typography>
      <Typography component="div" sx={{ overflowWrap: 'anywhere' }} data-testid={testId}>{children}</Typography>
    </Stack>
  );
}

function FilePanel({ s }: { s: WorkspaceStatus }) {
  const t = useT('workspace');
  const desktop = typeof window !== 'undefined' && !!window.zonetrack;
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>{t('file.title')}</Typography>
      <Field label={t('file.file')}>{s.path}</Field>
      <Field label={t('file.size')} testId="workspace-size">{formatBytes(s.bytes)}{s.walBytes > 0 ? t('file.wal', { size: formatBytes(s.walBytes) }) : ''}</Field>
      <Field label={t('file.schema')} testId="schema-version">
        {t('file.schemaValue', { version: s.schemaVersion })}{s.schemaVersion === s.appSchemaVersion ? t('file.schemaLatest') : t('file.schemaApp', { version: s.appSchemaVersion })}
      </Field>
      <Field label={t('file.createdAt')}>{s.createdAt ? formatTime(s.createdAt) : '—'}</Field>
      <Field label={t('file.appVersion')}>{s.appVersion}</Field>
      {s.readOnly && <Alert severity="warning" sx={{ mt: 1 }}>{t('file.readOnly')}</Alert>}
      <Alert severity="info" sx={{ mt: 1.5 }} data-testid="open-hint">
        {desktop
          ? t('file.desktopHint')
          : <Trans t={t} i18nKey="file.browserHint" components={{ code: <code /> }} />}
      </Alert>
    </Paper>
  );
}

function CataloguePanel({ s }: { s: WorkspaceStatus }) {
  const w = useWorkstation();
  const t = useT('workspace');
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>{t('catalogue.title')}</Typography>
      <Field label={t('catalogue.catalogue')} testId="catalogue-in-force">
        {t('catalogue.value', { name: s.catalogue.name, id: s.catalogue.id, version: s.catalogue.version, count: s.catalogue.indicators })}
      </Field>
      <Field label={t('catalogue.layers')}>
        {s.layers.length === 0
          ? t('catalogue.noLayers')
          : <Stack spacing={0.5}>{s.layers.map((l) => (
            <span key={l.layerId}>{t('catalogue.layer', {
              level: l.level === 'municipal' ? t('level.municipal', { ns: 'common' }) : t('level.districtCode', { ns: 'common', code: l.entity }),
              name: l.name, id: l.id, version: l.version,
            })}</span>
          ))}</Stack>}
      </Field>
      <Field label={t('catalogue.edition')} testId="edition-setting">
        {s.settings.edition === 'auto' ? t('catalogue.editionAuto') : t('catalogue.editionFixed', { edition: s.settings.edition })}
      </Field>
      <Field label={t('catalogue.user')}>{s.settings.user}{s.settings.userSet ? '' : t('catalogue.userUnset')}</Field>
      <Button sx={{ mt: 1 }} onClick={() => w.go({ page: 'settings' })}>{t('catalogue.manage')}</Button>
    </Paper>
  );
}

function EvaluationPanel({ s, onChanged }: { s: WorkspaceStatus; onChanged: () => void }) {
  const w = useWorkstation();
  const t = useT('workspace');
  const [error, setError] = useState<string | null>(null);
  // through the shell, so that every page (and the app bar) follows the stored cycle
  const setCycle = async (cycle: CycleSetting) => {
    setError(null);
    try {
      await w.setCycle(cycle);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (w.year === undefined) {
    return <Empty title={t('evaluation.noDataTitle')} next={t('evaluation.noDataNext')} action={{ label: t('evaluation.goImport'), onClick: () => w.go({ page: 'import' }) }} />;
  }
  const y = s.years.find((x) => x.year === w.year);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="evaluation-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5, mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>{t('evaluation.title')}</Typography>
        <Picker id="workspace-year" label={t('evaluation.year')} value={w.year} onChange={w.setYear} choices={w.years.map((v) => ({ value: v, label: t('year.option', { ns: 'common', year: v }) }))} />
        <ToggleButtonGroup exclusive size="small" value={w.cycle} aria-label={t('evaluation.cycle')}
          onChange={(_e, v: CycleSetting | null) => { if (v && v !== w.cycle) void setCycle(v); }}>
          <ToggleButton value="annual" data-testid="cycle-annual">{t('cycle.annual', { ns: 'common' })}</ToggleButton>
          <ToggleButton value="five-year" data-testid="cycle-five-year">{t('cycle.fiveYear', { ns: 'common' })}</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 1.5 }}>{error}</Alert>}
      {y ? (w.cycle === 'annual' ? <AnnualStatus y={y} /> : <FiveYearStatus y={y} onChanged={onChanged} />)
        : <Typography color="text.secondary">{t('evaluation.noYearData', { year: w.year })}</Typography>}
    </Paper>
  );
}

function AnnualStatus({ y }: { y: YearStatus }) {
  const t = useT('workspace');
  const run = y.lastRun;
  const stale = run && run.standardEdition !== y.edition.edition;
  return (
    <Stack spacing={1.5} data-testid="annual-status">
      {run
        ? <Typography>{t('annual.computed', { year: y.year, run: run.runId, time: formatTime(run.computedAt), id: run.catalogue.id, version: run.catalogue.version, edition: run.standardEdition })}</Typography>
        : <Typography>{t('annual.notComputed', { year: y.year, next: y.hasData ? t('annual.canCompute') : t('annual.noData') })}</Typography>}
      <Typography color="text.secondary">{t('annual.nowWith', { gb: y.edition.gb3095, hj: y.edition.hj633, why: y.edition.forced ? t('annual.forced') : t('annual.byYear') })}</Typography>
      {stale && <Alert severity="warning">{t('annual.stale')}</Alert>}
      {y.evaluationYear && <Alert severity="info">{t('annual.evaluationYear', { year: y.year })}</Alert>}
      <Box sx={{ alignSelf: 'flex-start' }}><ComputeButton year={y.year} variant={run ? 'outlined' : 'contained'} /></Box>
    </Stack>
  );
}

function FiveYearStatus({ y, onChanged }: { y: YearStatus; onChanged: () => void }) {
  const w = useWorkstation();
  const t = useT('workspace');
  if (!y.evaluationYear) {
    return <Typography color="text.secondary" data-testid="five-year-status">{t('fiveYear.notEvaluationYear', { year: y.year })}</Typography>;
  }
  return (
    <Stack spacing={1.5} data-testid="five-year-status">
      {y.fiveYear
        ? <Typography>{t('fiveYear.done', { from: y.fiveYear.fromYear, to: y.fiveYear.toYear, id: y.fiveYear.evaluationId, time: formatTime(y.fiveYear.computedAt), base: y.fiveYear.fromYear - 1 })}</Typography>
        : <Typography>{t('fiveYear.pending', { from: y.year - 4, to: y.year, base: y.year - 5 })}</Typography>}
      <Box sx={{ alignSelf: 'flex-start' }}>
        <LongCallButton label={t(y.fiveYear ? 'fiveYear.rerun' : 'fiveYear.run', { year: y.year })} busyLabel={t('fiveYear.busy')}
          variant={y.fiveYear ? 'outlined' : 'contained'}
          run={async (options) => {
            await w.client.call('evaluation/compute-five-year', { year: y.year }, options);
            onChanged();
            w.refresh();
          }} />
      </Box>
    </Stack>
  );
}

function YearsTable({ years }: { years: YearStatus[] }) {
  const t = useT('workspace');
  if (years.length === 0) return null;
  return (
    <Paper variant="outlined">
      <TableContainer>
        <Table size="small" data-testid="years-table">
          <TableHead>
            <TableRow><TableCell>{t('years.year')}</TableCell><TableCell>{t('years.data')}</TableCell><TableCell>{t('years.lastRun')}</TableCell><TableCell>{t('years.catalogue')}</TableCell>
              <TableCell>{t('years.editionThen')}</TableCell><TableCell>{t('years.editionNow')}</TableCell><TableCell>{t('years.fiveYear')}</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {years.map((y) => (
              <TableRow key={y.year} hover>
                <TableCell>{t('year.option', { ns: 'common', year: y.year })}{y.evaluationYear && <Chip size="small" label={t('years.evaluationYear')} sx={{ ml: 1 }} />}</TableCell>
                <TableCell>{y.hasData ? t('years.imported') : t('years.none')}</TableCell>
                <TableCell>{y.lastRun ? t('years.run', { run: y.lastRun.runId, time: formatTime(y.lastRun.computedAt) }) : t('years.notComputed')}</TableCell>
                <TableCell>{y.lastRun ? `${y.lastRun.catalogue.id} ${y.lastRun.catalogue.version}` : '—'}</TableCell>
                <TableCell>{y.lastRun ? `HJ 633-${y.lastRun.standardEdition}` : '—'}</TableCell>
                <TableCell>{y.edition.hj633}{y.edition.forced ? t('years.forced') : ''}</TableCell>
                <TableCell>{y.fiveYear ? t('years.fiveYearDone', { from: y.fiveYear.fromYear, to: y.fiveYear.toYear }) : y.evaluationYear ? t('years.fiveYearPending') : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
