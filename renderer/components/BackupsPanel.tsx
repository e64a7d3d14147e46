// 工作空间 → 备份: the backups beside the workspace file, a backup made now, and a restore that asks first —
// a restore replaces every piece of data in the workspace (the state before it is backed up, so it can be undone).
import { useState } from 'react';
import { Alert, Button, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { BackupInfo } from '../../analytics/backup/backup-files.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { formatBytes, formatTime } from './format.js';

export function BackupsPanel({ readOnly, onChanged }: { readOnly: boolean; onChanged: () => void }) {
  const w = useWorkstation();
  const [version, setVersion] = useState(0);
  const backups = useKept(useApi(`backups/${w.revision}/${version}`, () => w.client.call('workspace/backups', {})));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const backupNow = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const b = await w.client.call('workspace/backup', {});
      setMessage({ severity: 'success', text: `已备份：${formatTime(b.createdAt)}（${formatBytes(b.bytes)}）` });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ severity: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const restore = async (b: BackupInfo) => {
    const r = await w.client.call('workspace/restore', { id: b.id });
    setRestoring(null);
    setMessage({ severity: 'success', text: `已从 ${formatTime(r.restored.createdAt)} 的备份恢复。恢复前的状态已备份（${formatTime(r.undo.createdAt)}），如需撤销，可从该备份再恢复。` });
    setVersion((v) => v + 1);
    onChanged();
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="backups-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>备份</Typography>
        <Button variant="contained" onClick={() => void backupNow()} disabled={busy} data-testid="backup-now">{busy ? '正在备份…' : '立即备份'}</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        备份保存在工作空间文件旁的“.backups”文件夹中。导入新版本数据、更改指标体系、恢复备份和升级工作空间前会自动备份；较旧的备份按保留策略自动清理。
      </Typography>
      {message && <Alert severity={message.severity} sx={{ mb: 1.5 }} data-testid="backup-message">{message.text}</Alert>}
      <Show loaded={backups} label="正在读取备份">{(list) => list.length === 0
        ? <Typography color="text.secondary" data-testid="no-backups">还没有备份。点击“立即备份”保存当前工作空间的副本；导入或更改指标体系前也会自动备份。</Typography>
        : (
          <TableContainer sx={{ maxHeight: 360 }}>
            <Table size="small" stickyHeader data-testid="backup-table">
              <TableHead><TableRow><TableCell>时间</TableCell><TableCell>原因</TableCell><TableCell align="right">大小</TableCell><TableCell /></TableRow></TableHead>
              <TableBody>
                {list.map((b) => (
                  <TableRow key={b.id} hover>
                    <TableCell title={b.id}>{formatTime(b.createdAt)}</TableCell>
                    <TableCell>{b.label}</TableCell>
                    <TableCell align="right">{formatBytes(b.bytes)}</TableCell>
                    <TableCell align="right">
                      {b.reason !== 'damaged' && (
                        <Button size="small" color="error" disabled={readOnly} onClick={() => setRestoring(b)}
                          title={readOnly ? '工作空间以只读方式打开，不能恢复' : undefined}>恢复…</Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}</Show>
      {restoring && (
        <ConfirmDialog title="从备份恢复？" confirmLabel="恢复此备份" danger testId="restore-dialog"
          onConfirm={() => restore(restoring)} onClose={() => setRestoring(null)}>
          <Typography>
            将用 <b>{formatTime(restoring.createdAt)}</b> 的备份（{restoring.label}）<b>替换当前工作空间中的全部数据</b>：
            此后导入的数据、计算结果、评分和审计记录都会回到备份时的状态。
          </Typography>
          <Typography sx={{ mt: 1 }} color="text.secondary">恢复前会自动备份当前状态，如需撤销，可再从那个备份恢复。</Typography>
        </ConfirmDialog>
      )}
    </Paper>
  );
}
