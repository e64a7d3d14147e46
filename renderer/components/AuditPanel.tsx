// 工作空间 → 最近操作: the newest entries of the audit trail (who did what, when), newest first.
import { Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { AuditPage } from '../../analytics/audit/audit-log.js';
import { useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { formatTime } from './format.js';

const RECENT = 30;

export function AuditPanel({ version }: { version: number }) {
  const w = useWorkstation();
  const page = useKept(useApi(`audit/${w.revision}/${version}`, async (): Promise<AuditPage> => {
    const { total } = await w.client.call('audit/list', { limit: 1 });
    return w.client.call('audit/list', { offset: Math.max(0, total - RECENT), limit: RECENT });
  }));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="audit-panel">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1.5 }}>最近操作（审计记录）</Typography>
      <Show loaded={page} label="正在读取审计记录">{(p) => p.entries.length === 0
        ? <Typography color="text.secondary">还没有操作记录。导入数据、计算指标、评分和更改设置都会记录在这里，并注明操作人（在“设置”页填写姓名）。</Typography>
        : (
          <>
            <TableContainer sx={{ maxHeight: 420 }}>
              <Table size="small" stickyHeader data-testid="audit-table">
                <TableHead><TableRow><TableCell>时间</TableCell><TableCell>操作人</TableCell><TableCell>操作</TableCell><TableCell>对象</TableCell></TableRow></TableHead>
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
            <Typography variant="caption" color="text.secondary">共 {p.total} 条记录，显示最近 {p.entries.length} 条。完整记录：zonetrack audit 工作空间文件</Typography>
          </>
        )}</Show>
    </Paper>
  );
}
