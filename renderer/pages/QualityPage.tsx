// 数据质量: the year's checks per dataset ('quality/summary') and a station × month heatmap of air completeness
// (the station-months short of the valid-day rule; all other station-months met it).
import { Alert, Box, Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Tooltip, Typography } from '@mui/material';
import type { QualitySummary, StationMonth } from '../../analytics/quality/quality-summary.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';

const SEVERITY: Record<string, 'success' | 'info' | 'warning'> = { 正常: 'success', 提示: 'info', 警告: 'warning' };

export function QualityPage() {
  const w = useWorkstation();
  if (w.year === undefined) return <Empty title="还没有可检查的数据" next="请到“数据导入”页导入数据，数据质量检查会自动列出缺测、异常值和不一致。" action={{ label: '去导入数据', onClick: () => w.go({ page: 'import' }) }} />;
  const year = w.year;
  return <Quality year={year} />;
}

function Quality({ year }: { year: number }) {
  const w = useWorkstation();
  const summary = useApi(`quality/${year}/${w.revision}`, () => w.client.call('quality/summary', { year }));
  return (
    <Stack spacing={2}>
      <PageHeader title="数据质量"><Typography variant="body2" color="text.secondary">{year}年 · 计算与报告前请先处理“警告”项</Typography></PageHeader>
      <Show loaded={summary} label="正在检查数据质量">{(q) => (
        <Stack spacing={2}>
          <Checks summary={q} />
          <Heatmap months={q.incompleteStationMonths} />
        </Stack>
      )}</Show>
    </Stack>
  );
}

function Checks({ summary }: { summary: QualitySummary }) {
  const warnings = summary.checks.filter((c) => c.severity === '警告').length;
  return (
    <Paper variant="outlined">
      <Alert severity={warnings > 0 ? 'warning' : 'success'} sx={{ borderRadius: 0 }}>
        {warnings > 0 ? `${warnings} 项需要处理` : '没有需要处理的问题'}（共 {summary.checks.length} 项检查）
      </Alert>
      <TableContainer>
        <Table size="small" data-testid="quality-checks">
          <TableHead><TableRow><TableCell>数据集</TableCell><TableCell>检查项</TableCell><TableCell align="right">数量</TableCell><TableCell>判断</TableCell><TableCell>说明</TableCell><TableCell>示例</TableCell></TableRow></TableHead>
          <TableBody>
            {summary.checks.map((c, k) => (
              <TableRow key={k}>
                <TableCell>{c.datasetLabel}</TableCell><TableCell>{c.check}</TableCell>
                <TableCell align="right">{c.total !== null ? `${c.count} / ${c.total}` : c.count}</TableCell>
                <TableCell><Chip size="small" color={SEVERITY[c.severity] ?? 'default'} label={c.severity} /></TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{c.detail}</TableCell>
                <TableCell sx={{ maxWidth: 320 }}><Typography variant="caption">{c.examples.slice(0, 3).join('；')}{c.examples.length > 3 ? ' …' : ''}</Typography></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

/** Red for few valid days, amber near the rule; stations absent from the list met the rule in every month. */
function cellColour(m: StationMonth): string {
  const r = m.valid_days / m.required_days;
  return r < 0.5 ? '#c62828' : r < 0.8 ? '#ef6c00' : '#f9a825';
}

function Heatmap({ months }: { months: StationMonth[] }) {
  const stations = [...new Map(months.map((m) => [m.station_code, m.station_name])).entries()];
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>空气站点各月有效天数（站点 × 月）</Typography>
      {stations.length === 0
        ? <Typography color="text.secondary">所有站点每个月的有效日均值都达到要求（每月至少 27 天，二月 25 天）。</Typography>
        : (
          <Box sx={{ overflowX: 'auto' }} data-testid="completeness-heatmap">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>只列出有月份不足的 {stations.length} 个站点；格中为有效天数/要求天数，空白格为达标月份。</Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: '220px repeat(12, minmax(44px, 1fr))', gap: '2px', fontSize: 12 }}>
              <Box />
              {Array.from({ length: 12 }, (_v, k) => <Box key={k} sx={{ textAlign: 'center', color: 'text.secondary' }}>{k + 1}月</Box>)}
              {stations.map(([code, name]) => (
                <Row key={code} code={code} name={name} months={months.filter((m) => m.station_code === code)} />
              ))}
            </Box>
          </Box>
        )}
    </Paper>
  );
}

function Row({ code, name, months }: { code: string; name: string; months: StationMonth[] }) {
  return (
    <>
      <Box sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', pr: 1 }} title={`${name}（${code}）`}>{name}（{code}）</Box>
      {Array.from({ length: 12 }, (_v, k) => {
        const m = months.find((x) => x.month === k + 1);
        return m
          ? <Tooltip key={k} title={`${m.pollutant}：有效 ${m.valid_days} 天，要求 ${m.required_days} 天`}>
              <Box sx={{ bgcolor: cellColour(m), color: '#fff', textAlign: 'center', borderRadius: 0.5, py: 0.5 }}>{m.valid_days}/{m.required_days}</Box>
            </Tooltip>
          : <Box key={k} sx={{ bgcolor: 'action.hover', borderRadius: 0.5 }} />;
      })}
    </>
  );
}
