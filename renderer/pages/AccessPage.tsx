// 准入研判: enter a project (or import a project file), screen it against the access lists ('access/screen',
// recorded with the operator and time), see the units touched and each requirement's verdict and reason,
// download the 研判意见 and the detail sheet; the past screenings below, each of whose documents can be written again.
// A map picker comes with the map component; until then the location is typed as longitude/latitude.
import { useMemo, useState } from 'react';
import {
  Alert, Box, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import type { Result } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { downloadReport } from '../api/files.js';
import { Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { Picker } from '../components/Selectors.js';
import { useT } from '../i18n/i18n.js';
import { UnitMap, type MapColouring, type MapOverlay } from '../components/UnitMap.js';
import { useMapWords } from './MapPage.js';

type Outcome = Result<'access/screen'>;
const TONE_COLOUR = { ok: 'success', bad: 'error', check: 'warning' } as const;
const KINDS = ['new', 'rebuild', 'extension'] as const;

/** "NOx=12, VOCs=3" → { NOx: 12, VOCs: 3 }; null when a part is not name=number. */
function amounts(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text.split(/[,;\uFF0C\uFF1B]/).map((x) => x.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*[=:\uFF1A]\s*([\d.]+)$/.exec(part);
    if (!m) return null;
    out[m[1]!.trim()] = Number(m[2]);
  }
  return out;
}

function countsByTone(rows: { tone: keyof typeof TONE_COLOUR }[]): { ok: number; bad: number; manual: number } {
  return { ok: rows.filter((q) => q.tone === 'ok').length, bad: rows.filter((q) => q.tone === 'bad').length, manual: rows.filter((q) => q.tone === 'check').length };
}

export function AccessPage() {
  const w = useWorkstation();
  const t = useT('access');
  const [form, setForm] = useState({ name: '', lon: '', lat: '', industries: '', kind: 'new', date: new Date().toISOString().slice(0, 10), inPark: 'unknown', emissions: '', offsets: '' });
  const [fileProject, setFileProject] = useState<Record<string, unknown> | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [revision, setRevision] = useState(0);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });

  const project = (): Record<string, unknown> => {
    if (fileProject) return fileProject;
    const emissions = amounts(form.emissions), offsets = amounts(form.offsets);
    if (!emissions) throw new Error(t('badNumbers', { field: t('form.emissions') }));
    if (!offsets) throw new Error(t('badNumbers', { field: t('form.offsets') }));
    return {
      name: form.name, lon: Number(form.lon), lat: Number(form.lat), industries: form.industries, kind: form.kind, date: form.date,
      ...(form.inPark === 'unknown' ? {} : { inPark: form.inPark === 'yes' }),
      ...(Object.keys(emissions).length ? { emissions } : {}), ...(Object.keys(offsets).length ? { offsets } : {}),
    };
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const folders = await w.client.call('workspace/folders', {});
      setOutcome(await w.client.call('access/screen', { project: project(), outDir: folders.reports }));
      setRevision((r) => r + 1);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      setFileProject(JSON.parse(await file.text()) as Record<string, unknown>);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')} />
      <Typography variant="body2" color="text.secondary">{t('intro')}</Typography>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <TextField size="small" label={t('form.name')} value={form.name} onChange={set('name')} sx={{ minWidth: 280 }} slotProps={{ htmlInput: { 'data-testid': 'access-name' } }} disabled={!!fileProject} />
          <TextField size="small" label={t('form.lon')} value={form.lon} onChange={set('lon')} sx={{ width: 130 }} slotProps={{ htmlInput: { 'data-testid': 'access-lon' } }} disabled={!!fileProject} />
          <TextField size="small" label={t('form.lat')} value={form.lat} onChange={set('lat')} sx={{ width: 130 }} slotProps={{ htmlInput: { 'data-testid': 'access-lat' } }} disabled={!!fileProject} />
          <TextField size="small" label={t('form.industries')} value={form.industries} onChange={set('industries')} sx={{ minWidth: 320 }} slotProps={{ htmlInput: { 'data-testid': 'access-industries' } }} disabled={!!fileProject} />
          <Picker id="access-kind" label={t('form.kind')} value={form.kind} onChange={(v) => setForm({ ...form, kind: v })} choices={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
          <TextField size="small" type="date" label={t('form.date')} value={form.date} onChange={set('date')} sx={{ width: 170 }} disabled={!!fileProject} />
          <Picker id="access-park" label={t('form.inPark')} value={form.inPark} onChange={(v) => setForm({ ...form, inPark: v })} minWidth={150}
            choices={[{ value: 'unknown', label: t('form.inParkUnknown') }, { value: 'yes', label: t('form.yes') }, { value: 'no', label: t('form.no') }]} />
          <TextField size="small" label={t('form.emissions')} value={form.emissions} onChange={set('emissions')} sx={{ minWidth: 280 }} disabled={!!fileProject} />
          <TextField size="small" label={t('form.offsets')} value={form.offsets} onChange={set('offsets')} sx={{ minWidth: 280 }} disabled={!!fileProject} />
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
          <Button variant="contained" onClick={() => void run()} disabled={busy} data-testid="access-submit">{busy ? t('form.busy') : t('form.submit')}</Button>
          <Button component="label" variant="outlined">
            {t('form.file')}
            <input hidden type="file" accept=".json,application/json" onChange={(e) => void readFile(e.target.files?.[0])} />
          </Button>
          {fileProject && <Chip label={String(fileProject.name ?? '')} onDelete={() => setFileProject(null)} />}
        </Stack>
      </Paper>
      {error && <Alert severity="error" data-testid="access-error">{error}</Alert>}
      {outcome && <OutcomeView outcome={outcome} />}
      <PastScreenings revision={revision} />
    </Stack>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  const t = useT('access');
  const r = outcome.result;
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="access-result">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Chip color={TONE_COLOUR[r.conclusionTone]} label={t('result.title', { conclusion: r.conclusion })} data-testid="access-conclusion" />
        <Typography variant="body2">{t('result.counts', { ...countsByTone(r.requirements) })}</Typography>
        <Typography variant="body2" color="text.secondary">{t('result.plan', { plans: [...r.unitPlanVersions, ...r.listPlanVersions].filter((v, i, a) => a.indexOf(v) === i).join(' / ') })}</Typography>
        {outcome.files && !window.zonetrack && (
          <>
            <Button size="small" onClick={() => void downloadReport(outcome.files!.docx)}>{t('result.download')}</Button>
            <Button size="small" onClick={() => void downloadReport(outcome.files!.xlsx)}>{t('result.downloadSheet')}</Button>
          </>
        )}
      </Stack>
      <Typography variant="body2" sx={{ mb: 1 }}>{r.conclusionText}</Typography>
      {outcome.files && <Typography variant="caption" color="text.secondary">{t('result.saved', { id: outcome.id, path: outcome.files.docx })}</Typography>}
      <Typography variant="subtitle2" sx={{ mt: 1 }}>{t('result.units')}</Typography>
      <Box sx={{ mb: 1 }}>
        {r.units.map((u) => (
          <Chip key={u.code} size="small" sx={{ mr: 1, mb: 0.5 }}
            label={`${u.code} ${u.name}${u.share !== null ? ` · ${t('result.share', { pct: (u.share * 100).toFixed(1) })}` : u.onBorder ? ` · ${t('result.border')}` : ''}`} />
        ))}
      </Box>
      <ProjectMap outcome={outcome} />
      <Table size="small" data-testid="access-requirements">
        <TableHead>
          <TableRow>
            {(['level', 'scope', 'dimension', 'text', 'verdict', 'reason'] as const).map((k) => <TableCell key={k}>{t(`col.${k}`)}</TableCell>)}
          </TableRow>
        </TableHead>
        <TableBody>
          {r.requirements.map((q) => (
            <TableRow key={`${q.reqId}|${q.planVersion}`}>
              <TableCell>{q.level}</TableCell><TableCell>{q.scopeName}</TableCell><TableCell>{q.dimension}</TableCell>
              <TableCell>{q.text}{q.condition && <Typography variant="caption" color="text.secondary" component="div">{q.condition}</Typography>}</TableCell>
              <TableCell><Chip size="small" color={TONE_COLOUR[q.tone]} label={q.verdict} /></TableCell>
              <TableCell>{q.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}

function PastScreenings({ revision }: { revision: number }) {
  const w = useWorkstation();
  const t = useT('access');
  const loaded = useApi(`access/screenings/${revision}/${w.revision}`, () => w.client.call('access/screenings', { limit: 50 }));
  const documents = async (id: number) => {
    const folders = await w.client.call('workspace/folders', {});
    const files = await w.client.call('access/documents', { id, outDir: folders.reports });
    if (!window.zonetrack) await downloadReport(files.docx);
  };
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ mb: 1 }}>{t('past.title')}</Typography>
      <Show loaded={loaded} label={t('past.title')}>{({ rows }) => (rows.length === 0
        ? <Typography variant="body2" color="text.secondary">{t('past.empty')}</Typography>
        : (
          <Table size="small" data-testid="access-past">
            <TableHead>
              <TableRow>
                {(['id', 'project', 'date', 'conclusion', 'user', 'at', 'documents'] as const).map((k) => <TableCell key={k}>{t(`past.${k}`)}</TableCell>)}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((s) => (
                <TableRow key={s.id}>
                  <TableCell>{s.id}</TableCell><TableCell>{s.projectName}</TableCell><TableCell>{s.screenedOn}</TableCell>
                  <TableCell><Chip size="small" color={TONE_COLOUR[s.conclusionTone]} label={s.conclusion} /></TableCell>
                  <TableCell>{s.user}</TableCell><TableCell>{s.recordedAt}</TableCell>
                  <TableCell><Button size="small" onClick={() => void documents(s.id).catch(() => undefined)}>{t('result.download')}</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ))}</Show>
    </Paper>
  );
}

/** The project (a pin, or its footprint) over the units it touches and their surroundings, coloured by type. */
function ProjectMap({ outcome }: { outcome: Outcome }) {
  const w = useWorkstation();
  const t = useT('access');
  const words = useMapWords();
  const r = outcome.result;
  const year = Number(r.project.date.slice(0, 4));
  const layers = useApi(`access-map/${year}/${w.revision}`, () => w.client.call('map/layers', { year, zoom: 2 }));
  const colouring = useMemo((): MapColouring => ({ mode: 'type', labels: words.types }), [words]);
  const focus = useMemo(() => ({ units: r.units.map((u) => u.code) }), [r]);
  const g = r.project.location;
  const marks = useMemo(() => (g.type === 'Point' ? [{ lon: g.coordinates[0], lat: g.coordinates[1], colour: '#C62828', name: r.project.name }] : []), [g, r]);
  const overlays = useMemo((): MapOverlay[] => (g.type === 'Point' ? [] : [{
    name: r.project.name, paths: g.type === 'Polygon' ? g.coordinates : g.coordinates.flat(), colour: '#C62828', width: 2, fill: 'rgba(198,40,40,0.35)',
  }]), [g, r]);
  if (layers.state !== 'done' || layers.data.units.features.length === 0) return null;
  return (
    <Box sx={{ my: 1 }}>
      <Typography variant="subtitle2">{t('result.map')}</Typography>
      <UnitMap layers={layers.data} colouring={colouring} focus={focus} marks={marks} overlays={overlays} showDistricts
        onUnit={(code) => w.go({ page: 'units', id: code })} testId="access-map" labels={words.tip} height={320} />
    </Box>
  );
}
