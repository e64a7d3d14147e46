// 工作空间 → 操作记录: the whole audit trail (who did what, when), newest first, a page at a time from 'audit/list'.
import { useMemo, useState } from 'react';
import { Paper, Typography } from '@mui/material';
import type { AuditEntry, AuditPage } from '../../analytics/audit/audit-log.js';
import { useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { formatTime } from './format.js';
import { useT } from '../i18n/i18n.js';
import { DataTable, type Column, type TableState } from './DataTable.js';

const PAGE = 25;

export function AuditPanel({ version }: { version: number }) {
  const w = useWorkstation();
  const t = useT('common');
  const [state, setState] = useState<TableState>({ page: { page: 0, pageSize: PAGE } });
  const { page: k, pageSize: n } = state.page ?? { page: 0, pageSize: PAGE };
  // Newest first: page k holds the entries total − (k+1)·n … total − k·n of the trail (which is oldest first).
  const page = useKept(useApi(`audit/${w.revision}/${version}/${k}/${n}`, async (): Promise<AuditPage> => {
    const { total } = await w.client.call('audit/list', { limit: 1 });
    const end = Math.max(0, total - k * n);
    const p = await w.client.call('audit/list', { offset: Math.max(0, end - n), limit: Math.max(1, Math.min(n, end)) });
    return { ...p, entries: end === 0 ? [] : [...p.entries].reverse() };
  }));
  const columns = useMemo((): Column<AuditEntry>[] => [
    { key: 'at', header: t('audit.time'), value: (e) => e.at, text: (e) => formatTime(e.at) },
    { key: 'user', header: t('audit.user'), value: (e) => e.user },
    { key: 'action', header: t('audit.action'), value: (e) => e.label },
    { key: 'target', header: t('audit.target'), value: (e) => e.target ?? '—', wrap: true, grow: true },
  ], [t]);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="audit-panel">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>{t('audit.title')}</Typography>
      <Show loaded={page} label={t('audit.loading')}>{(p) => p.total === 0
        ? <Typography color="text.secondary">{t('audit.empty')}</Typography>
        : (
          <>
            <DataTable testId="audit-table" rows={p.entries} columns={columns} rowId={(e) => String(e.seq)} pageSize={PAGE}
              rowCount={p.total} state={state} onStateChange={setState} exportName={t('audit.exportName')} />
            <Typography variant="caption" color="text.secondary">{t('audit.footer', { total: p.total })}</Typography>
          </>
        )}</Show>
    </Paper>
  );
}
