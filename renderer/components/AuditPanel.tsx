// 工作空间 → 最近操作: the newest entries of the audit trail (who did what, when), newest first.
import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { AuditPage } from '../../analytics/audit/audit-log.js';
import { useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { formatTime } from './format.js';
import { useT } from '../i18n/i18n.js';

const RECENT = 30;

export function AuditPanel({ version }: { version: number }) {
  const w = useWorkstation();
  const t = useT('common');
  const page = useKept(useApi(`audit/${w.revision}/${version}`, async (): Promise<AuditPage> => {
    const { total } = await w.client.call('audit/list', { limit: 1 });
    return w.client.call('audit/list', { offset: Math.max(0, total - RECENT), limit: RECENT });
  }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="audit-panel">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>{t('audit.title')}</Typography>
      <Show loaded={page} label={t('audit.loading')}>{(p) => p.entries.length === 0
        ? <Typography color="text.secondary">{t('audit.empty')}</Typography>
        : (
          <>
            <TableContainer sx={{ maxHeight: 420 }}>
              <Table size="small" stickyHeader data-testid="audit-table">
                <TableHead><TableRow><TableCell>{t('audit.time')}</TableCell><TableCell>{t('audit.user')}</TableCell><TableCell>{t('audit.action')}</TableCell><TableCell>{t('audit.target')}</TableCell></TableRow></TableHead>
                <TableBody>
                  {[...p.entries].reverse().map((e) => (
                    <TableRow key={e.seq} hover>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatTime(e.at)}</TableCell>
                      <TableCell>{e.user}</TableCell>
                      <TableCell>{e.label}</TableCell>
                      <TableCell sx={{ wordBreak: 'break-all' }}>{e.target ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
            <Typography variant="caption" color="text.secondary">{t('audit.footer', { total: p.total, shown: p.entries.length })}</Typography>
          </>
        )}</Show>
    </Paper>
  );
}
