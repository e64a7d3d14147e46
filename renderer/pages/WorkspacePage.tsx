// 工作空间: which workspace is open (file, size, schema), the year and cycle being worked on with what each year
// was computed with and would be computed with now, the catalogue and layers in force, backups, recent actions.
import { useState, type ReactNode } from 'react';
import {
  Alert, Box, Button, Chip, Grid, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow,
  ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import type { WorkspaceStatus, YearStatus } from '../../service/queries/workspace-status.js';
import type { CycleSetting } from '../../analytics/settings/workspace-settings.js';
import { errorMessage, useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { PageHeader } from '../components/PageHeader.js';
import { Empty, Show } from '../components/Feedback.js';
import { Picker } from '../components/Selectors.js';
import { ComputeButton } from '../components/ComputeButton.js';
import { ProgressLine, useLongCall } from '../components/Progress.js';
import { BackupsPanel } from '../components/BackupsPanel.js';
import { AuditPanel } from '../components/AuditPanel.js';
import { formatBytes, formatTime } from '../components/format.js';

export function WorkspacePage() {
  const w = useWorkstation();
  const [version, setVersion] = useState(0);
  const status = useKept(useApi(`workspace-status/${w.revision}/${version}`, () => w.client.call('workspace/status', {})));
  const changed = () => { setVersion((v) => v + 1); w.refresh(); };
  return (
    <Show loaded={status} label="正在读取工作空间">{(s) => (
      <Stack spacing={2}>
        <PageHeader title="工作空间">
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }} data-testid="workspace-file">{s.path}</Typography>
        </PageHeader>
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, md: 6 }}><FilePanel s={s} /></Grid>
          <Grid size={{ xs: 12, md: 6 }}><CataloguePanel s={s} /></Grid>
        </Grid>
        <EvaluationPanel s={s} onChanged={() => setVersion((v) => v + 1)} />
        <YearsTable years={s.years} />
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, lg: 5 }}><BackupsPanel readOnly={s.readOnly} onChanged={changed} /></Grid>
          <Grid size={{ xs: 12, lg: 7 }}><AuditPanel version={version} /></Grid>
        </Grid>
      </Stack>
    )}</Show>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.5 }}>
      <Typography color="text.secondary" sx={{ minWidth: 96, flexShrink: 0 }}>{label}</Typography>
      <Typography component="div" sx={{ wordBreak: 'break-all' }} data-testid={testId}>{children}</Typography>
    </Stack>
  );
}

function FilePanel({ s }: { s: WorkspaceStatus }) {
  const desktop = typeof window !== 'undefined' && !!window.zonetrack;
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>当前工作空间</Typography>
      <Field label="文件">{s.path}</Field>
      <Field label="大小" testId="workspace-size">{formatBytes(s.bytes)}{s.walBytes > 0 ? `（另有未合并日志 ${formatBytes(s.walBytes)}）` : ''}</Field>
      <Field label="结构版本" testId="schema-version">
        第 {s.schemaVersion} 版{s.schemaVersion === s.appSchemaVersion ? '（最新）' : `（本程序为第 ${s.appSchemaVersion} 版）`}
      </Field>
      <Field label="创建时间">{s.createdAt ? formatTime(s.createdAt) : '—'}</Field>
      <Field label="程序版本">{s.appVersion}</Field>
      {s.readOnly && <Alert severity="warning" sx={{ mt: 1 }}>工作空间以只读方式打开：可以查看，不能导入、计算或恢复。</Alert>}
      <Alert severity="info" sx={{ mt: 1.5 }} data-testid="open-hint">
        {desktop
          ? '新建或打开其他工作空间：使用菜单“文件 → 新建工作空间…”（Ctrl+N）或“打开工作空间…”（Ctrl+O），“最近打开”列出用过的文件。'
          : <>浏览器模式：此页面连接的是命令 <code>zonetrack serve</code> 打开的工作空间（上面的文件）。要打开另一个，请在运行该命令的窗口按 Ctrl+C 结束服务，
            再运行 <code>zonetrack serve 另一个文件.duckdb</code>，并打开它显示的新地址；新建空白工作空间用 <code>zonetrack init 新文件.duckdb</code>。</>}
      </Alert>
    </Paper>
  );
}

function CataloguePanel({ s }: { s: WorkspaceStatus }) {
  const w = useWorkstation();
  return (
    <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>指标体系与标准</Typography>
      <Field label="指标体系" testId="catalogue-in-force">{s.catalogue.name}（{s.catalogue.id} {s.catalogue.version}，{s.catalogue.indicators} 项指标）</Field>
      <Field label="细化层">
        {s.layers.length === 0
          ? '未使用（按内置默认指标体系评价）'
          : <Stack spacing={0.5}>{s.layers.map((l) => (
            <span key={l.layerId}>{l.level === 'municipal' ? '市级' : `区县 ${l.entity}`}：{l.name}（{l.id} {l.version}）</span>
          ))}</Stack>}
      </Field>
      <Field label="标准版本" testId="edition-setting">
        {s.settings.edition === 'auto' ? '默认按年份：2025年及以前 HJ 633-2012，2026年起 HJ 633-2026' : `固定使用 HJ 633-${s.settings.edition}（GB 3095-${s.settings.edition}）`}
      </Field>
      <Field label="操作人">{s.settings.user}{s.settings.userSet ? '' : '（系统账户，可在设置页填写姓名）'}</Field>
      <Button sx={{ mt: 1 }} onClick={() => w.go({ page: 'settings' })}>在“设置”页管理指标体系、标准版本和操作人</Button>
    </Paper>
  );
}

function EvaluationPanel({ s, onChanged }: { s: WorkspaceStatus; onChanged: () => void }) {
  const w = useWorkstation();
  const [error, setError] = useState<string | null>(null);
  const setCycle = async (cycle: CycleSetting) => {
    setError(null);
    try {
      await w.client.call('settings/set', { cycle });
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  if (w.year === undefined) {
    return <Empty title="工作空间中还没有数据" next="先在“数据导入”页导入站点名录和监测数据，再回到这里选择评估年度。" action={{ label: '去导入数据', onClick: () => w.go({ page: 'import' }) }} />;
  }
  const y = s.years.find((x) => x.year === w.year);
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="evaluation-panel">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1.5, mb: 1.5 }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>当前评估</Typography>
        <Picker id="workspace-year" label="评估年度" value={w.year} onChange={w.setYear} choices={w.years.map((v) => ({ value: v, label: `${v}年` }))} />
        <ToggleButtonGroup exclusive size="small" value={s.settings.cycle} aria-label="评估周期"
          onChange={(_e, v: CycleSetting | null) => { if (v && v !== s.settings.cycle) void setCycle(v); }}>
          <ToggleButton value="annual" data-testid="cycle-annual">年度跟踪</ToggleButton>
          <ToggleButton value="five-year" data-testid="cycle-five-year">五年评估</ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {error && <Alert severity="error" sx={{ mb: 1.5 }}>{error}</Alert>}
      {y ? (s.settings.cycle === 'annual' ? <AnnualStatus y={y} /> : <FiveYearStatus y={y} onChanged={onChanged} />)
        : <Typography color="text.secondary">{w.year}年没有数据。请导入该年的监测数据。</Typography>}
    </Paper>
  );
}

function AnnualStatus({ y }: { y: YearStatus }) {
  const run = y.lastRun;
  const stale = run && run.standardEdition !== y.edition.edition;
  return (
    <Stack spacing={1.5} data-testid="annual-status">
      {run
        ? <Typography>{y.year}年指标已计算：计算批次 {run.runId}（{formatTime(run.computedAt)}），指标体系 {run.catalogue.id} {run.catalogue.version}，按 HJ 633-{run.standardEdition} 评价。</Typography>
        : <Typography>{y.year}年指标尚未计算。{y.hasData ? '数据已导入，可以计算。' : '该年尚无空气监测数据，请先导入。'}</Typography>}
      <Typography color="text.secondary">现在计算将按 {y.edition.gb3095} / {y.edition.hj633}{y.edition.forced ? '（设置页指定）' : '（按年份默认）'}。</Typography>
      {stale && <Alert severity="warning">标准版本设置与上次计算不同：重新计算后，结果才按新版本评价。</Alert>}
      {y.evaluationYear && <Alert severity="info">{y.year}年是五年评估年：年度跟踪并入五年评估，可切换到“五年评估”。</Alert>}
      <Box sx={{ alignSelf: 'flex-start' }}><ComputeButton year={y.year} variant={run ? 'outlined' : 'contained'} /></Box>
    </Stack>
  );
}

function FiveYearStatus({ y, onChanged }: { y: YearStatus; onChanged: () => void }) {
  const w = useWorkstation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const call = useLongCall();
  if (!y.evaluationYear) {
    return <Typography color="text.secondary" data-testid="five-year-status">五年评估在逢5、逢0的年度进行（如 2025、2030 年），{y.year}年只做年度跟踪。请选择评估年度，或切换到“年度跟踪”。</Typography>;
  }
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      await w.client.call('evaluation/compute-five-year', { year: y.year }, call.start());
      onChanged();
      w.refresh();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1.5} data-testid="five-year-status">
      {y.fiveYear
        ? <Typography>{y.fiveYear.fromYear}–{y.fiveYear.toYear}年五年评估已完成（评估 {y.fiveYear.evaluationId}，{formatTime(y.fiveYear.computedAt)}），基准年 {y.fiveYear.fromYear - 1}年。</Typography>
        : <Typography>{y.year - 4}–{y.year}年五年评估尚未进行：需要基准年 {y.year - 5}年和这五年的数据，每年按该年的标准版本计算。</Typography>}
      <Box sx={{ alignSelf: 'flex-start' }}><Button variant={y.fiveYear ? 'outlined' : 'contained'} disabled={busy} onClick={() => void run()}>{busy ? '正在评估…' : `${y.fiveYear ? '重新' : ''}进行${y.year}年五年评估`}</Button></Box>
      {busy && <ProgressLine progress={call.progress} onCancel={call.cancel} />}
      {error && <Alert severity="error">{error}</Alert>}
    </Stack>
  );
}

function YearsTable({ years }: { years: YearStatus[] }) {
  if (years.length === 0) return null;
  return (
    <Paper variant="outlined">
      <TableContainer>
        <Table size="small" data-testid="years-table">
          <TableHead>
            <TableRow><TableCell>年度</TableCell><TableCell>监测数据</TableCell><TableCell>最近计算</TableCell><TableCell>指标体系</TableCell>
              <TableCell>计算时标准</TableCell><TableCell>现在计算将用</TableCell><TableCell>五年评估</TableCell></TableRow>
          </TableHead>
          <TableBody>
            {years.map((y) => (
              <TableRow key={y.year} hover>
                <TableCell>{y.year}年{y.evaluationYear && <Chip size="small" label="评估年" sx={{ ml: 1 }} />}</TableCell>
                <TableCell>{y.hasData ? '已导入' : '无'}</TableCell>
                <TableCell>{y.lastRun ? `批次 ${y.lastRun.runId} · ${formatTime(y.lastRun.computedAt)}` : '未计算'}</TableCell>
                <TableCell>{y.lastRun ? `${y.lastRun.catalogue.id} ${y.lastRun.catalogue.version}` : '—'}</TableCell>
                <TableCell>{y.lastRun ? `HJ 633-${y.lastRun.standardEdition}` : '—'}</TableCell>
                <TableCell>{y.edition.hj633}{y.edition.forced ? '（指定）' : ''}</TableCell>
                <TableCell>{y.fiveYear ? `${y.fiveYear.fromYear}–${y.fiveYear.toYear}年 已完成` : y.evaluationYear ? '未进行' : '—'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}
