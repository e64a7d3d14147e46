// 数据导入: a wizard — pick files → upload → dry run (what was detected, rows accepted/refused, the errors of a
// refused file) → commit with progress → the batch list with provenance, where a batch can be removed.
import { useState } from 'react';
import {
  Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, Paper, Stack, Step,
  StepLabel, Stepper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography,
} from '@mui/material';
import { ApiCallError, type ApiError, type BatchInfo } from '../../service/contract.js';
import type { ImportResult } from '../../analytics/import/import-files.js';
import { useApi, errorMessage } from '../hooks/use-api.js';
import { columnLabel, datasetLabel, useWorkstation } from '../workstation.js';
import { uploadFile } from '../api/files.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, Show } from '../components/Feedback.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { ComputeButton } from '../components/ComputeButton.js';

type Stage =
  | { step: 'pick' }
  | { step: 'checking'; files: File[] }
  | { step: 'checked'; paths: string[]; result: ImportResult }
  | { step: 'refused'; error: ApiError }
  | { step: 'committing'; paths: string[] }
  | { step: 'done'; result: ImportResult };

const STEPS = ['选择文件', '试导入检查', '导入', '完成'];
const STEP_INDEX: Record<Stage['step'], number> = { pick: 0, checking: 1, checked: 1, refused: 1, committing: 2, done: 3 };

function asApiError(e: unknown): ApiError {
  return e instanceof ApiCallError ? e.error : { code: 'ERROR', message: errorMessage(e) };
}

export function ImportPage() {
  const w = useWorkstation();
  const [stage, setStage] = useState<Stage>({ step: 'pick' });
  const [picked, setPicked] = useState<File[]>([]);
  const call = useLongCall();

  const check = async (files: File[]) => {
    setStage({ step: 'checking', files });
    try {
      const paths: string[] = [];
      for (const f of files) paths.push((await uploadFile(f)).path);
      const result = await w.client.call('import/files', { paths, dryRun: true }, call.start());
      setStage({ step: 'checked', paths, result });
    } catch (e) {
      setStage({ step: 'refused', error: asApiError(e) });
    }
  };
  const commit = async (paths: string[]) => {
    setStage({ step: 'committing', paths });
    try {
      const result = await w.client.call('import/files', { paths }, call.start());
      setStage({ step: 'done', result });
      w.refresh();
    } catch (e) {
      setStage({ step: 'refused', error: asApiError(e) });
    }
  };
  const restart = () => { setPicked([]); setStage({ step: 'pick' }); };

  return (
    <Stack spacing={2}>
      <PageHeader title="数据导入">
        <Typography variant="body2" color="text.secondary">CSV（UTF-8 或 GBK）、Excel；先试导入检查，确认无误后再写入工作空间。整次导入要么全部成功，要么不写入任何数据。</Typography>
      </PageHeader>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Stepper activeStep={STEP_INDEX[stage.step]} sx={{ mb: 2 }}>
          {STEPS.map((s) => <Step key={s}><StepLabel error={stage.step === 'refused' && s === '试导入检查'}>{s}</StepLabel></Step>)}
        </Stepper>
        {stage.step === 'pick' && (
          <Stack spacing={1.5} sx={{ alignItems: 'flex-start' }}>
            <Button variant="outlined" component="label">
              选择文件…
              <input hidden type="file" multiple accept=".csv,.txt,.xlsx,.xls" data-testid="file-input"
                onChange={(e) => setPicked([...(e.target.files ?? [])])} />
            </Button>
            {picked.length === 0
              ? <Typography color="text.secondary">尚未选择文件。可一次选择多个文件（如站点名录与小时数据），名录会先于监测数据导入。</Typography>
              : <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>{picked.map((f) => <Chip key={f.name} label={`${f.name}（${(f.size / 1024).toFixed(0)} KB）`} />)}</Stack>}
            <Button variant="contained" disabled={picked.length === 0} onClick={() => void check(picked)} data-testid="dry-run">上传并试导入</Button>
          </Stack>
        )}
        {stage.step === 'checking' && <ProgressLine progress={call.progress} label={`正在上传并检查 ${stage.files.length} 个文件…`} onCancel={call.cancel} />}
        {stage.step === 'refused' && <Refused error={stage.error} onRestart={restart} />}
        {stage.step === 'checked' && (
          <Stack spacing={2}>
            <Alert severity="success">试导入通过：以下是识别结果，尚未写入任何数据。</Alert>
            <DetectedFiles result={stage.result} />
            <Stack direction="row" spacing={1}>
              <Button variant="contained" onClick={() => void commit(stage.paths)} data-testid="commit">确认导入</Button>
              <Button onClick={restart}>取消</Button>
            </Stack>
          </Stack>
        )}
        {stage.step === 'committing' && <ProgressLine progress={call.progress} label="正在导入…" onCancel={call.cancel} />}
        {stage.step === 'done' && (
          <Stack spacing={2}>
            <Alert severity="success" data-testid="import-done">
              已导入 {stage.result.batches.filter((b) => b.id !== null).length} 个文件，共 {stage.result.batches.reduce((s, b) => s + b.accepted, 0).toLocaleString('zh-CN')} 行。
              指标不会自动重算：请重新计算受影响年度的指标。
            </Alert>
            <DetectedFiles result={stage.result} />
            <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
              {w.year !== undefined && <ComputeButton year={w.year} />}
              <Button onClick={restart}>继续导入其他文件</Button>
            </Stack>
          </Stack>
        )}
      </Paper>
      <BatchList />
    </Stack>
  );
}

function Refused({ error, onRestart }: { error: ApiError; onRestart: () => void }) {
  const rows = error.rowErrors ?? [];
  return (
    <Stack spacing={2}>
      <Alert severity="error" data-testid="import-refused">{error.message}</Alert>
      {rows.length > 0 && (
        <TableContainer sx={{ maxHeight: 360 }}>
          <Table size="small" stickyHeader data-testid="row-errors">
            <TableHead><TableRow><TableCell>文件</TableCell><TableCell align="right">行</TableCell><TableCell>列</TableCell><TableCell>值</TableCell><TableCell>原因</TableCell></TableRow></TableHead>
            <TableBody>
              {rows.map((r, k) => (
                <TableRow key={k}>
                  <TableCell>{r.file}</TableCell><TableCell align="right">{r.row === 0 ? '表头' : r.row}</TableCell><TableCell>{r.column}</TableCell>
                  <TableCell>{r.value ?? ''}</TableCell><TableCell>{r.reason}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <Typography color="text.secondary">没有写入任何数据。请按上表修改文件（或换用正确的文件）后重新选择。</Typography>
      <Box><Button variant="contained" onClick={onRestart}>重新选择文件</Button></Box>
    </Stack>
  );
}

function DetectedFiles({ result }: { result: ImportResult }) {
  const w = useWorkstation();
  return (
    <TableContainer>
      <Table size="small" data-testid="detected-files">
        <TableHead>
          <TableRow>
            <TableCell>文件</TableCell><TableCell>数据集</TableCell><TableCell>编码</TableCell><TableCell>工作表</TableCell><TableCell align="right">表头行</TableCell>
            <TableCell>列映射</TableCell><TableCell align="right">行数</TableCell><TableCell align="right">接受</TableCell><TableCell align="right">拒绝</TableCell><TableCell>说明</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {result.batches.map((b) => (
            <TableRow key={b.path}>
              <TableCell>{b.file}</TableCell><TableCell title={b.dataset}>{datasetLabel(w, b.dataset)}</TableCell><TableCell>{b.encoding}</TableCell><TableCell>{b.sheet ?? '—'}</TableCell>
              <TableCell align="right">{b.headerRow}</TableCell>
              <TableCell sx={{ maxWidth: 360 }}>
                <Typography variant="caption">{b.mapping.map((m) => `${m.header} → ${columnLabel(w, b.dataset, m.column)}`).join('；')}</Typography>
                {b.ignoredColumns.length > 0 && <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>未使用：{b.ignoredColumns.join('，')}</Typography>}
              </TableCell>
              <TableCell align="right">{b.rows.toLocaleString('zh-CN')}</TableCell>
              <TableCell align="right">{b.accepted.toLocaleString('zh-CN')}</TableCell>
              <TableCell align="right">{b.rejected.toLocaleString('zh-CN')}</TableCell>
              <TableCell>
                {b.skippedAsDuplicateOf !== undefined && `与批次${b.skippedAsDuplicateOf}相同，跳过`}
                {b.supersedes !== undefined && `替换批次${b.supersedes}`}
                {b.id !== null && `批次${b.id}`}
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
  const [version, setVersion] = useState(0);
  const batches = useApi(`batches/${w.revision}/${version}`, () => w.client.call('batches/list', {}));
  const [removing, setRemoving] = useState<BatchInfo | null>(null);
  return (
    <Paper variant="outlined">
      <Typography variant="subtitle1" sx={{ fontWeight: 600, px: 2, pt: 1.5 }}>已导入的批次</Typography>
      <Show loaded={batches} label="正在读取批次">{(list) => list.length === 0
        ? <Box sx={{ p: 2 }}><Empty title="还没有导入任何数据" next="用上面的向导选择文件开始导入；建议先导入名录（站点、断面、管控单元），再导入监测数据。" /></Box>
        : (
          <TableContainer sx={{ maxHeight: 480 }}>
            <Table size="small" stickyHeader data-testid="batch-list">
              <TableHead>
                <TableRow>
                  <TableCell>批次</TableCell><TableCell>数据集</TableCell><TableCell>文件</TableCell><TableCell>SHA-256</TableCell>
                  <TableCell align="right">读取/接受/拒绝</TableCell><TableCell>编码·工作表</TableCell><TableCell>导入时间</TableCell><TableCell>状态</TableCell><TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {[...list].reverse().map((b) => (
                  <TableRow key={b.id} data-batch={b.id} sx={{ opacity: b.active ? 1 : 0.6 }}>
                    <TableCell>{b.id}</TableCell><TableCell title={b.dataset}>{datasetLabel(w, b.dataset)}</TableCell><TableCell>{b.file}</TableCell>
                    <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }} title={b.sha256}>{b.sha256.slice(0, 12)}…</TableCell>
                    <TableCell align="right">{b.rows.toLocaleString('zh-CN')} / {b.accepted.toLocaleString('zh-CN')} / {b.rejected.toLocaleString('zh-CN')}</TableCell>
                    <TableCell>{b.encoding ?? '—'}{b.sheet ? ` · ${b.sheet}` : ''}</TableCell>
                    <TableCell>{new Date(b.importedAt).toLocaleString('zh-CN')}</TableCell>
                    <TableCell>{b.status}</TableCell>
                    <TableCell>{b.active && <Button size="small" color="error" onClick={() => setRemoving(b)}>移除</Button>}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}</Show>
      {removing && <RemoveDialog batch={removing} onClose={(removed) => { setRemoving(null); if (removed) { setVersion((v) => v + 1); w.refresh(); } }} />}
    </Paper>
  );
}

function RemoveDialog({ batch, onClose }: { batch: BatchInfo; onClose: (removed: boolean) => void }) {
  const w = useWorkstation();
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
      <DialogTitle>移除批次{batch.id}？</DialogTitle>
      <DialogContent>
        <DialogContentText>将删除“{batch.file}”导入的 {batch.accepted.toLocaleString('zh-CN')} 行数据；批次记录保留，原因会写入记录。移除后请重新计算指标。</DialogContentText>
        <TextField autoFocus fullWidth margin="normal" label="移除原因" value={reason} onChange={(e) => setReason(e.target.value)} required />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose(false)}>取消</Button>
        <Button color="error" variant="contained" disabled={busy || reason.trim() === ''} onClick={() => void remove()}>确认移除</Button>
      </DialogActions>
    </Dialog>
  );
}
