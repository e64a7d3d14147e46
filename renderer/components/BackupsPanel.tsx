// 工作空间 → 备份: the backups beside the workspace file, a backup made now, and a restore that asks first —
// a restore replaces every piece of data in the workspace (the state before it is backed up, so it can be undone).
import { useMemo, useState } from 'react';
import { Trans } from 'react-i18next';
import { Alert, Button, Paper, Stack, Typography } from '@mui/material';
import { DataTable, type Column } from './DataTable.js';
import type { BackupInfo } from '../../analytics/backup/backup-files.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { formatBytes, formatTime } from './format.js';
import { useT } from '../i18n/i18n.js';

export function BackupsPanel({ readOnly, onChanged }: { readOnly: boolean; onChanged: () => void }) {
  const w = useWorkstation();
  const t = useT('common');
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
      setMessage({ severity: 'success', text: t('backups.done', { time: formatTime(b.createdAt), size: formatBytes(b.bytes) }) });
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
    setMessage({ severity: 'success', text: t('backups.restored', { time: formatTime(r.restored.createdAt), undo: formatTime(r.undo.createdAt) }) });
    setVersion((v) => v + 1);
    onChanged();
  };

  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="backups-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, flex: 1 }}>{t('backups.title')}</Typography>
        <Button variant="contained" onClick={() => void backupNow()} disabled={busy} data-testid="backup-now">{busy ? t('backups.busy') : t('backups.now')}</Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('backups.intro')}
      </Typography>
      {message && <Alert severity={message.severity} sx={{ mb: 1.5 }} data-testid="backup-message">{message.text}</Alert>}
      <Show loaded={backups} label={t('backups.loading')}>{(list) => list.length === 0
        ? <Typography color="text.secondary" data-testid="no-backups">{t('backups.empty')}</Typography>
        : (
          <BackupTable list={list} readOnly={readOnly} onRestore={setRestoring} />
        )}</Show>
      {restoring && (
        <ConfirmDialog title={t('backups.confirmTitle')} confirmLabel={t('backups.confirm')} danger testId="restore-dialog"
          onConfirm={() => restore(restoring)} onClose={() => setRestoring(null)}>
          <Typography>
            <Trans t={t} i18nKey="backups.confirmText" values={{ time: formatTime(restoring.createdAt), label: restoring.label }} components={{ b: <b /> }} />
          </Typography>
          <Typography sx={{ mt: 1 }} color="text.secondary">{t('backups.confirmUndo')}</Typography>
        </ConfirmDialog>
      )}
    </Paper>
  );
}

function BackupTable({ list, readOnly, onRestore }: { list: BackupInfo[]; readOnly: boolean; onRestore: (b: BackupInfo) => void }) {
  const t = useT('common');
  const columns = useMemo((): Column<BackupInfo>[] => [
    { key: 'time', header: t('backups.time'), value: (b) => b.createdAt, text: (b) => formatTime(b.createdAt) },
    { key: 'reason', header: t('backups.reason'), value: (b) => b.label, grow: true },
    { key: 'size', header: t('backups.size'), value: (b) => b.bytes, decimals: 0, text: (b) => formatBytes(b.bytes) },
    { key: 'restore', header: '', value: () => null, action: true, width: 110, align: 'right',
      render: (b) => b.reason !== 'damaged' && (
        <Button size="small" color="error" disabled={readOnly} onClick={(e) => { e.stopPropagation(); onRestore(b); }}
          title={readOnly ? t('backups.readOnly') : undefined}>{t('backups.restore')}</Button>
      ) },
  ], [t, readOnly, onRestore]);
  return <DataTable testId="backup-table" rows={list} columns={columns} rowId={(b) => b.id} pageSize={25} maxHeight={420} label={t('backups.title')} exportName={t('backups.exportName')} />;
}
