// 设置 → 指标体系细化层: the layers stored in the workspace, the catalogue in force, what a layer changed relative
// to the layer below it, and loading a municipal or district layer file (uploaded in browser mode, picked with
// the file dialog on the desktop). A refused file names the entry and field of each problem.
import { useCallback, useMemo, useRef, useState } from 'react';
import {
  Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, List, ListItem, ListItemText, Paper, Stack, Table,
  TableBody, TableCell, TableContainer, TableHead, TableRow, Typography,
} from '@mui/material';
import { ApiCallError, type ApiError } from '../../service/contract.js';
import type { AddLayerResult, LayerInfo } from '../../indicators/catalogue/workspace-layers.js';
import type { DiffEntry } from '../../indicators/catalogue/layers.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { datasetLabel, useWorkstation } from '../workstation.js';
import { uploadFile } from '../api/files.js';
import { Show } from './Feedback.js';
import { Picker } from './Selectors.js';
import { formatTime } from './format.js';
import type { TFunction } from 'i18next';
import { useT } from '../i18n/i18n.js';
import { DataTable, type Column } from './DataTable.js';

const levelName = (t: TFunction<'common'>, l: LayerInfo, districtName: (code: string) => string) => (l.level === 'municipal' ? t('level.municipal') : t('level.districtOf', { name: districtName(l.entity) }));

export function LayersPanel() {
  const w = useWorkstation();
  const t = useT('common');
  const [version, setVersion] = useState(0);
  const layers = useKept(useApi(`layers/${w.revision}/${version}`, () => w.client.call('catalogue/layers', {})));
  const districts = useApi(`districts-names/${w.revision}`, () => (w.year === undefined ? null : w.client.call('scores/get', { year: w.year }).catch(() => ({ sheets: [] }))));
  const districtName = useCallback((code: string) => (districts.state === 'done' ? districts.data.sheets.find((s) => s.entity === code)?.name : undefined) ?? code, [districts]);
  const [viewing, setViewing] = useState(false);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="layers-panel">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>{t('layers.title')}</Typography>
        <Button variant="outlined" onClick={() => setViewing(true)} data-testid="view-catalogue">{t('layers.view')}</Button>
        <ImportLayerButton onAdded={() => { setVersion((v) => v + 1); w.refresh(); }} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('layers.intro')}
      </Typography>
      <Show loaded={layers} label={t('layers.loading')}>{(list) => (
        <Stack spacing={2}>
          {list.length === 0
            ? <Typography color="text.secondary" data-testid="no-layers">{t('layers.none', { id: w.catalogue.id, version: w.catalogue.version })}</Typography>
            : (
              <LayerTable list={list} districtName={districtName} />
            )}
          <DiffView layers={list.filter((l) => l.active)} districtName={districtName} />
        </Stack>
      )}</Show>
      {viewing && <CatalogueDialog onClose={() => setViewing(false)} />}
    </Paper>
  );
}

function LayerTable({ list, districtName }: { list: LayerInfo[]; districtName: (code: string) => string }) {
  const t = useT('common');
  const rows = useMemo(() => [...list].reverse(), [list]);
  const columns = useMemo((): Column<LayerInfo>[] => [
    { key: 'level', header: t('layers.level'), value: (l) => levelName(t, l, districtName) },
    { key: 'idVersion', header: t('layers.idVersion'), value: (l) => `${l.id} ${l.version}` },
    { key: 'name', header: t('layers.name'), value: (l) => l.name, grow: true },
    { key: 'base', header: t('layers.base'), value: (l) => `${l.base.id} ${l.base.version}` },
    { key: 'file', header: t('layers.file'), value: (l) => l.file ?? '—' },
    { key: 'importedAt', header: t('layers.importedAt'), value: (l) => l.importedAt, text: (l) => formatTime(l.importedAt) },
    { key: 'state', header: t('layers.state'), value: (l) => (l.active ? t('layers.active') : t('layers.replaced')) },
  ], [t, districtName]);
  return <DataTable testId="layers-table" rows={rows} columns={columns} rowId={(l) => String(l.layerId)} label={t('layers.title')} exportName={t('layers.exportName')} />;
}

function DiffView({ layers, districtName }: { layers: LayerInfo[]; districtName: (code: string) => string }) {
  const w = useWorkstation();
  const t = useT('common');
  const choices = layers.map((l) => ({ value: l.level === 'municipal' ? 'city' : l.entity, label: t('layers.choice', { level: levelName(t, l, districtName), id: l.id, version: l.version }) }));
  const [picked, setPicked] = useState<string | null>(null);
  const entity = choices.find((c) => c.value === picked)?.value ?? choices[0]?.value;
  const diff = useApi(`layer-diff/${entity ?? ''}/${w.revision}/${layers.map((l) => l.layerId).join(',')}`,
    () => (entity === undefined ? null : w.client.call('catalogue/diff', { entity })));
  if (entity === undefined) return null;
  return (
    <Stack spacing={1.5} data-testid="layer-diff">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600 }}>{t('layers.diffTitle')}</Typography>
        <Picker id="diff-layer" label={t('layers.diffPicker')} value={entity} onChange={setPicked} choices={choices} minWidth={280} />
      </Stack>
      <Show loaded={diff} label={t('layers.comparing')}>{(d) => (d.diff.length === 0
        ? <Typography color="text.secondary">{t('layers.noDiff')}</Typography>
        : <DiffTable diff={d.diff} />)}</Show>
    </Stack>
  );
}

/** Objects shown compactly; long ones cut (the full text is in the tooltip). */
function shown(v: unknown, words?: string): { text: string; full: string } {
  if (v === null || v === undefined) return { text: '—', full: '' };
  const full = words ?? (typeof v === 'string' ? v : JSON.stringify(v));
  return { text: full.length > 120 ? `${full.slice(0, 117)}…` : full, full };
}

export function DiffTable({ diff }: { diff: DiffEntry[] }) {
  const t = useT('common');
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader data-testid="diff-table">
        <TableHead><TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}><TableCell>{t('layers.indicator')}</TableCell><TableCell>{t('layers.field')}</TableCell><TableCell>{t('layers.change')}</TableCell><TableCell sx={{ width: '40%' }}>{t('layers.before')}</TableCell><TableCell sx={{ width: '40%' }}>{t('layers.after')}</TableCell></TableRow></TableHead>
        <TableBody>
          {diff.map((d, i) => {
            const before = shown(d.before, d.beforeText);
            const after = shown(d.after, d.afterText);
            return (
              <TableRow key={`${d.entry}/${d.field}/${i}`} hover>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{d.entry}</TableCell><TableCell sx={{ whiteSpace: 'nowrap' }}>{d.field}</TableCell><TableCell sx={{ whiteSpace: 'nowrap' }}>{d.change}</TableCell>
                <TableCell title={before.full} sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{before.text}</TableCell>
                <TableCell title={after.full} sx={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{after.text}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function asApiError(e: unknown): ApiError {
  return e instanceof ApiCallError ? e.error : { code: 'ERROR', message: errorMessage(e) };
}

function ImportLayerButton({ onAdded }: { onAdded: () => void }) {
  const w = useWorkstation();
  const t = useT('common');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: AddLayerResult } | { error: ApiError } | null>(null);
  const add = async (path: () => Promise<string | undefined>) => {
    setBusy(true);
    try {
      const p = await path();
      if (!p) return;
      const result = await w.client.call('catalogue/add-layer', { path: p });
      setOutcome({ ok: result });
      onAdded();
    } catch (e) {
      setOutcome({ error: asApiError(e) });
    } finally {
      setBusy(false);
    }
  };
  const desktop = !!window.zonetrack;
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      {desktop
        ? <Button variant="contained" disabled={busy} onClick={() => void add(async () => (await window.zonetrack!.choose('import-files'))[0])}>{t('layers.load')}</Button>
        : (
          <>
            {/* a real button (keyboard: Tab, Enter) that opens the hidden file input */}
            <Button variant="contained" disabled={busy} onClick={() => input.current?.click()}>{busy ? t('layers.loadingFile') : t('layers.load')}</Button>
            <input hidden ref={input} type="file" accept=".json,application/json" data-testid="layer-file-input"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void add(async () => (await uploadFile(file)).path);
              }} />
          </>
        )}
      {outcome && <LayerOutcome outcome={outcome} onClose={() => setOutcome(null)} />}
    </>
  );
}

function LayerOutcome({ outcome, onClose }: { outcome: { ok: AddLayerResult } | { error: ApiError }; onClose: () => void }) {
  const t = useT('common');
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="layer-outcome">
      <DialogTitle>{'ok' in outcome ? t('layers.added') : t('layers.refused')}</DialogTitle>
      <DialogContent>
        {'ok' in outcome ? (
          <Stack spacing={1.5}>
            <Alert severity="success">
              {t('layers.addedText', {
                level: outcome.ok.layer.level === 'municipal' ? t('layers.addedMunicipal') : t('layers.addedDistrict', { code: outcome.ok.layer.entity }),
                name: outcome.ok.layer.name, id: outcome.ok.layer.id, version: outcome.ok.layer.version, changes: outcome.ok.diff.length,
                replaced: outcome.ok.replaced ? t('layers.replacedLayer', { id: outcome.ok.replaced.id, version: outcome.ok.replaced.version }) : '',
              })}
            </Alert>
            {outcome.ok.setAside.length > 0 && (
              <Alert severity="warning">{t('layers.setAside', { layers: outcome.ok.setAside.map((l) => `${l.entity} ${l.id} ${l.version}`).join(t('clauseSeparator')) })}</Alert>
            )}
            {outcome.ok.findings.length > 0 && (
              <Alert severity="info">{t('layers.findings', { findings: outcome.ok.findings.map((f) => t('layers.finding', { where: `${f.entry}${f.field ? `.${f.field}` : ''}`, message: f.message })).join(t('clauseSeparator')) })}</Alert>
            )}
            {outcome.ok.diff.length > 0 && <DiffTable diff={outcome.ok.diff} />}
          </Stack>
        ) : (
          <Stack spacing={1.5}>
            <Alert severity="error">{outcome.error.message}</Alert>
            {(outcome.error.rowErrors ?? []).length > 0 && (
              <List dense data-testid="layer-errors">
                {outcome.error.rowErrors!.map((r, i) => <ListItem key={i}><ListItemText primary={r.column} secondary={r.reason} /></ListItem>)}
              </List>
            )}
            <Typography color="text.secondary">{t('layers.unchanged')}</Typography>
          </Stack>
        )}
      </DialogContent>
      <DialogActions><Button onClick={onClose} autoFocus>{t('close')}</Button></DialogActions>
    </Dialog>
  );
}

function CatalogueDialog({ onClose }: { onClose: () => void }) {
  const w = useWorkstation();
  const t = useT('common');
  const c = w.catalogue;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="catalogue-dialog">
      <DialogTitle>{t('layers.catalogueTitle', { name: c.name, id: c.id, version: c.version })}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {c.layers?.length
            ? t('layers.stacked', { layers: c.layers.map((l) => `${l.level === 'municipal' ? t('level.municipal') : t('level.districtCode', { code: l.entity })} ${l.id} ${l.version}`).join(t('clauseSeparator')) })
            : t('layers.notStacked')}
          {t('layers.districtOwn')}
        </Typography>
        <TableContainer>
          <Table size="small" stickyHeader>
            <TableHead><TableRow><TableCell>{t('layers.dimension')}</TableCell><TableCell>{t('layers.id')}</TableCell><TableCell>{t('layers.name')}</TableCell><TableCell>{t('layers.applies')}</TableCell>
              <TableCell>{t('layers.measure')}</TableCell><TableCell>{t('layers.unit')}</TableCell><TableCell align="right">{t('layers.points')}</TableCell><TableCell>{t('layers.datasets')}</TableCell></TableRow></TableHead>
            <TableBody>
              {c.indicators.map((i) => (
                <TableRow key={i.id} hover>
                  <TableCell>{c.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension}</TableCell>
                  <TableCell>{i.id}</TableCell><TableCell>{i.name}</TableCell>
                  <TableCell>{i.scope.map((s) => t(`scope.${s}`)).join(t('listSeparator'))}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{i.expression ?? (i.measure || (i.rule.type === 'manual' ? t('layers.manual') : '—'))}</TableCell>
                  <TableCell>{i.unit}</TableCell><TableCell align="right">{i.points}</TableCell>
                  <TableCell>{i.datasets.map((d) => datasetLabel(w, d)).join(t('listSeparator')) || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </DialogContent>
      <DialogActions><Button onClick={onClose} autoFocus>{t('close')}</Button></DialogActions>
    </Dialog>
  );
}
