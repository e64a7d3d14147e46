// 设置 → 指标体系细化层: the layers stored in the workspace, the catalogue in force, what a layer changed relative
// to the layer below it, and loading a municipal or district layer file (uploaded in browser mode, picked with
// the file dialog on the desktop). A refused file names the entry and field of each problem.
import { useRef, useState } from 'react';
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

const levelName = (l: LayerInfo, districtName: (code: string) => string) => (l.level === 'municipal' ? '市级' : `区县（${districtName(l.entity)}）`);

export function LayersPanel() {
  const w = useWorkstation();
  const [version, setVersion] = useState(0);
  const layers = useKept(useApi(`layers/${w.revision}/${version}`, () => w.client.call('catalogue/layers', {})));
  const districts = useApi(`districts-names/${w.revision}`, () => (w.year === undefined ? null : w.client.call('scores/get', { year: w.year }).catch(() => ({ sheets: [] }))));
  const districtName = (code: string) => (districts.state === 'done' ? districts.data.sheets.find((s) => s.entity === code)?.name : undefined) ?? code;
  const [viewing, setViewing] = useState(false);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="layers-panel">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap', rowGap: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>指标体系细化层</Typography>
        <Button variant="outlined" onClick={() => setViewing(true)} data-testid="view-catalogue">查看生效指标体系</Button>
        <ImportLayerButton onAdded={() => { setVersion((v) => v + 1); w.refresh(); }} />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        内置默认指标体系 {'→'} 市级细化层 {'→'} 区县细化层，逐层叠加。细化层是 JSON 文件（layer、base、change/add/remove），由市局或区县下发；
        载入前自动备份，载入后请重新计算指标。
      </Typography>
      <Show loaded={layers} label="正在读取细化层">{(list) => (
        <Stack spacing={2}>
          {list.length === 0
            ? <Typography color="text.secondary" data-testid="no-layers">尚未载入细化层，按内置默认指标体系（{w.catalogue.id} {w.catalogue.version}）评价。如有市级或区县细化文件，点击“载入细化层文件”。</Typography>
            : (
              <TableContainer>
                <Table size="small" data-testid="layers-table">
                  <TableHead><TableRow><TableCell>层级</TableCell><TableCell>编号与版本</TableCell><TableCell>名称</TableCell><TableCell>基于</TableCell>
                    <TableCell>文件</TableCell><TableCell>载入时间</TableCell><TableCell>状态</TableCell></TableRow></TableHead>
                  <TableBody>
                    {[...list].reverse().map((l) => (
                      <TableRow key={l.layerId} hover sx={l.active ? undefined : { opacity: 0.6 }}>
                        <TableCell>{levelName(l, districtName)}</TableCell>
                        <TableCell>{l.id} {l.version}</TableCell>
                        <TableCell>{l.name}</TableCell>
                        <TableCell>{l.base.id} {l.base.version}</TableCell>
                        <TableCell title={l.sha256}>{l.file ?? '—'}</TableCell>
                        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(l.importedAt)}</TableCell>
                        <TableCell>{l.active ? '生效' : '已被替换（保留供历史计算追溯）'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            )}
          <DiffView layers={list.filter((l) => l.active)} districtName={districtName} />
        </Stack>
      )}</Show>
      {viewing && <CatalogueDialog onClose={() => setViewing(false)} />}
    </Paper>
  );
}

function DiffView({ layers, districtName }: { layers: LayerInfo[]; districtName: (code: string) => string }) {
  const w = useWorkstation();
  const choices = layers.map((l) => ({ value: l.level === 'municipal' ? 'city' : l.entity, label: `${levelName(l, districtName)}：${l.id} ${l.version}` }));
  const [picked, setPicked] = useState<string | null>(null);
  const entity = choices.find((c) => c.value === picked)?.value ?? choices[0]?.value;
  const diff = useApi(`layer-diff/${entity ?? ''}/${w.revision}/${layers.map((l) => l.layerId).join(',')}`,
    () => (entity === undefined ? null : w.client.call('catalogue/diff', { entity })));
  if (entity === undefined) return null;
  return (
    <Stack spacing={1.5} data-testid="layer-diff">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Typography sx={{ fontWeight: 600 }}>与下一层的差异</Typography>
        <Picker id="diff-layer" label="细化层" value={entity} onChange={setPicked} choices={choices} minWidth={280} />
      </Stack>
      <Show loaded={diff} label="正在比较">{(d) => (d.diff.length === 0
        ? <Typography color="text.secondary">此细化层与下一层没有差异。</Typography>
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
  return (
    <TableContainer sx={{ maxHeight: 420 }}>
      <Table size="small" stickyHeader data-testid="diff-table">
        <TableHead><TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}><TableCell>指标</TableCell><TableCell>字段</TableCell><TableCell>变化</TableCell><TableCell sx={{ width: '40%' }}>原值</TableCell><TableCell sx={{ width: '40%' }}>新值</TableCell></TableRow></TableHead>
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
        ? <Button variant="contained" disabled={busy} onClick={() => void add(async () => (await window.zonetrack!.choose('import-files'))[0])}>载入细化层文件…</Button>
        : (
          <>
            {/* a real button (keyboard: Tab, Enter) that opens the hidden file input */}
            <Button variant="contained" disabled={busy} onClick={() => input.current?.click()}>{busy ? '正在载入…' : '载入细化层文件…'}</Button>
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
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth data-testid="layer-outcome">
      <DialogTitle>{'ok' in outcome ? '细化层已载入' : '细化层未载入'}</DialogTitle>
      <DialogContent>
        {'ok' in outcome ? (
          <Stack spacing={1.5}>
            <Alert severity="success">
              已载入{outcome.ok.layer.level === 'municipal' ? '市级' : `区县 ${outcome.ok.layer.entity} `}细化层“{outcome.ok.layer.name}”（{outcome.ok.layer.id} {outcome.ok.layer.version}），
              共 {outcome.ok.diff.length} 处变化。{outcome.ok.replaced ? `替换了原来的 ${outcome.ok.replaced.id} ${outcome.ok.replaced.version}。` : ''}
              载入前已自动备份。请重新计算指标，使评分按新的指标体系。
            </Alert>
            {outcome.ok.setAside.length > 0 && (
              <Alert severity="warning">以下区县细化层基于旧的市级层，已停用，需按新的市级层重新下发：{outcome.ok.setAside.map((l) => `${l.entity} ${l.id} ${l.version}`).join('；')}</Alert>
            )}
            {outcome.ok.findings.length > 0 && (
              <Alert severity="info">提示：{outcome.ok.findings.map((f) => `${f.entry}${f.field ? `.${f.field}` : ''}：${f.message}`).join('；')}</Alert>
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
            <Typography color="text.secondary">工作空间未作任何更改。请修正文件后重新载入。</Typography>
          </Stack>
        )}
      </DialogContent>
      <DialogActions><Button onClick={onClose} autoFocus>关闭</Button></DialogActions>
    </Dialog>
  );
}

function CatalogueDialog({ onClose }: { onClose: () => void }) {
  const w = useWorkstation();
  const c = w.catalogue;
  return (
    <Dialog open onClose={onClose} maxWidth="lg" fullWidth data-testid="catalogue-dialog">
      <DialogTitle>生效指标体系（全市）：{c.name} {c.id} {c.version}</DialogTitle>
      <DialogContent>
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          {c.layers?.length ? `叠加的细化层：${c.layers.map((l) => `${l.level === 'municipal' ? '市级' : `区县 ${l.entity}`} ${l.id} ${l.version}`).join('；')}` : '未叠加细化层（内置默认）'}。
          区县自有细化层只作用于该区县，可在“与下一层的差异”中查看。
        </Typography>
        <TableContainer>
          <Table size="small" stickyHeader>
            <TableHead><TableRow><TableCell>维度</TableCell><TableCell>编号</TableCell><TableCell>名称</TableCell><TableCell>适用</TableCell>
              <TableCell>测算</TableCell><TableCell>单位</TableCell><TableCell align="right">分值</TableCell><TableCell>数据集</TableCell></TableRow></TableHead>
            <TableBody>
              {c.indicators.map((i) => (
                <TableRow key={i.id} hover>
                  <TableCell>{c.dimensions.find((d) => d.id === i.dimension)?.name ?? i.dimension}</TableCell>
                  <TableCell>{i.id}</TableCell><TableCell>{i.name}</TableCell>
                  <TableCell>{i.scope.map((s) => ({ district: '区县', unit: '单元', city: '全市' }[s])).join('、')}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{i.expression ?? (i.measure || (i.rule.type === 'manual' ? '人工评分' : '—'))}</TableCell>
                  <TableCell>{i.unit}</TableCell><TableCell align="right">{i.points}</TableCell>
                  <TableCell>{i.datasets.map((d) => datasetLabel(w, d)).join('、') || '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      </DialogContent>
      <DialogActions><Button onClick={onClose} autoFocus>关闭</Button></DialogActions>
    </Dialog>
  );
}
