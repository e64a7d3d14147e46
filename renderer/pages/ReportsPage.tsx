// 报告: generate a district's self-assessment report (.docx) and score workbook (.xlsx) into the workspace's
// report folder, with progress, then download them (browser mode) or open the folder shown (desktop).
import { useState } from 'react';
import { Alert, Button, List, ListItem, ListItemText, Paper, Stack, Typography } from '@mui/material';
import type { ReportFiles } from '../../service/contract.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { downloadReport } from '../api/files.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { ReportTextsPanel } from '../components/ReportTextsPanel.js';

export function ReportsPage({ id }: { id?: string }) {
  const w = useWorkstation();
  if (!isComputed(w, w.year)) return <Empty title={`${w.year ?? ''}年的指标尚未计算`} next="报告取自计算结果：先在“指标总览”页计算指标，再生成报告。" action={{ label: '去指标总览', onClick: () => w.go({ page: 'overview' }) }} />;
  return <Reports year={w.year} id={id} />;
}

function Reports({ year, id }: { year: number; id?: string }) {
  const w = useWorkstation();
  const sheets = useApi(`report-districts/${year}/${w.revision}`, () => w.client.call('scores/get', { year }));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<ReportFiles['files']>([]);
  const call = useLongCall();
  const generate = async (entity: string) => {
    setBusy(true);
    setError(null);
    try {
      const folders = await w.client.call('workspace/folders', {});
      const { files } = await w.client.call('reports/generate', { year, entity, outDir: folders.reports }, call.start());
      setWritten((prev) => [...files, ...prev.filter((p) => !files.some((f) => f.docx === p.docx))]);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show loaded={sheets} label="正在读取区县">{({ sheets: all }) => {
      if (all.length === 0) return <Empty title="没有区县的计算结果" next="请导入数据后重新计算指标。" />;
      const sheet = all.find((s) => s.entity === id) ?? all[0]!;
      const entity = sheet.entity;
      return (
        <Stack spacing={2}>
          <PageHeader title="报告">
            <DistrictPicker districts={all.map((s) => ({ code: s.entity, name: s.name }))} value={entity} onChange={(code) => w.go({ page: 'reports', id: code })} />
            <Button variant="contained" disabled={busy} onClick={() => void generate(entity)} data-testid="generate-report">生成{year}年度自评报告</Button>
            <Button variant="outlined" disabled={busy} onClick={() => void generate('city')} data-testid="generate-city">生成全市汇总报告</Button>
            <Button variant="outlined" disabled={busy} onClick={() => void generate('all')} data-testid="generate-all">全部区县和全市</Button>
          </PageHeader>
          {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} label="正在生成报告（汇总数据、绘制图表、写入 Word 和 Excel）…" />}
          {error && <Alert severity="error">{error}</Alert>}
          <Paper variant="outlined">
            {written.length === 0
              ? <Typography sx={{ p: 2 }} color="text.secondary">本次还没有生成报告。选择区县后点击“生成”，或一次生成全部区县和全市汇总报告；报告写入工作空间旁的 zonetrack-reports 文件夹。</Typography>
              : (
                <List data-testid="report-files">
                  {written.map((f) => (
                    <ListItem key={f.docx} divider>
                      <ListItemText primary={`${f.name} ${year}年度`} secondary={f.docx.replace(/[^\\/]*$/, '')} />
                      <Stack direction="row" spacing={1}>
                        <DownloadButton path={f.docx} label="下载自评报告（.docx）" />
                        <DownloadButton path={f.xlsx} label="下载评分表（.xlsx）" />
                      </Stack>
                    </ListItem>
                  ))}
                </List>
              )}
          </Paper>
          <ReportTextsPanel year={year} district={entity} districtName={sheet.name} />
        </Stack>
      );
    }}</Show>
  );
}

function DownloadButton({ path, label }: { path: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack>
      <Button variant="outlined" size="small" onClick={() => downloadReport(path).catch((e: unknown) => setError(errorMessage(e)))}>{label}</Button>
      {error && <Typography variant="caption" color="error">{error}</Typography>}
    </Stack>
  );
}
