// 数据质量: the year's checks per dataset ('quality/summary') and a station × month heatmap of air completeness
// (the station-months short of the valid-day rule; all other station-months met it).
import { useMemo } from 'react';
import { Alert, Box, Chip, Paper, Stack, Tooltip, Typography } from '@mui/material';
import type { QualityCheck, QualitySummary, Severity, StationMonth } from '../../analytics/quality/quality-summary.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { useLanguage, useT } from '../i18n/i18n.js';

/** The server's severity words (data, shown as they come) and their colours. */
const SEVERITY: Record<Severity, 'success' | 'info' | 'warning'> = { 正常: 'success', 提示: 'info', 警告: 'warning' };

export function QualityPage() {
  const w = useWorkstation();
  const t = useT('quality');
  if (w.year === undefined) return <Empty title={t('noData.title')} next={t('noData.next')} action={{ label: t('noData.action'), onClick: () => w.go({ page: 'import' }) }} />;
  const year = w.year;
  return <Quality year={year} />;
}

function Quality({ year }: { year: number }) {
  const w = useWorkstation();
  const t = useT('quality');
  const summary = useApi(`quality/${year}/${w.revision}`, () => w.client.call('quality/summary', { year }));
  return (
    <Stack spacing={2}>
      <PageHeader title={t('title')}><Typography variant="body2" color="text.secondary">{t('about', { year })}</Typography></PageHeader>
      <Show loaded={summary} label={t('loading')}>{(q) => (
        <Stack spacing={2}>
          <Checks summary={q} />
          <Heatmap months={q.incompleteStationMonths} />
        </Stack>
      )}</Show>
    </Stack>
  );
}

function Checks({ summary }: { summary: QualitySummary }) {
  const t = useT('quality');
  const warnings = summary.checks.filter((c) => SEVERITY[c.severity] === 'warning').length;
  const columns = useMemo((): Column<QualityCheck>[] => [
    { key: 'dataset', header: t('checks.dataset'), value: (c) => c.datasetLabel },
    { key: 'check', header: t('checks.check'), value: (c) => c.check, wrap: true },
    { key: 'count', header: t('checks.count'), value: (c) => c.count, decimals: 0, text: (c) => (c.total !== null ? `${c.count} / ${c.total}` : String(c.count)) },
    { key: 'severity', header: t('checks.severity'), value: (c) => c.severity, render: (c) => <Chip size="small" color={SEVERITY[c.severity] ?? 'default'} label={c.severity} /> },
    { key: 'detail', header: t('checks.detail'), value: (c) => c.detail, wrap: true, grow: true },
    { key: 'examples', header: t('checks.examples'), value: (c) => `${c.examples.slice(0, 3).join(t('checks.separator'))}${c.examples.length > 3 ? ' …' : ''}`, wrap: true, width: 300 },
  ], [t]);
  return (
    <Paper variant="outlined">
      <Alert severity={warnings > 0 ? 'warning' : 'success'} sx={{ borderRadius: 0 }}>
        {warnings > 0 ? t('checks.warnings', { n: warnings, total: summary.checks.length }) : t('checks.clean', { total: summary.checks.length })}
      </Alert>
      <DataTable testId="quality-checks" rows={summary.checks} columns={columns} rowId={(_c, k) => String(k)}
        exportName={t('checks.exportName', { year: summary.year })} pageSize={100} />
    </Paper>
  );
}

/** Red for few valid days, amber near the rule; stations absent from the list met the rule in every month. */
function cellColour(m: StationMonth): string {
  const r = m.valid_days / m.required_days;
  return r < 0.5 ? '#c62828' : r < 0.8 ? '#ef6c00' : '#f9a825';
}

function Heatmap({ months }: { months: StationMonth[] }) {
  const t = useT('quality');
  const language = useLanguage();
  const stations = [...new Map(months.map((m) => [m.station_code, m.station_name])).entries()];
  // Month names in the UI's language ("1月" / "Jan").
  const monthName = new Intl.DateTimeFormat(language === 'en' ? 'en' : 'zh-CN', { month: 'short', timeZone: 'UTC' });
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('heatmap.title')}</Typography>
      {stations.length === 0
        ? <Typography color="text.secondary">{t('heatmap.allMet')}</Typography>
        : (
          <Box sx={{ overflowX: 'auto' }} data-testid="completeness-heatmap">
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>{t('heatmap.intro', { n: stations.length })}</Typography>
            <Box sx={{ display: 'grid', gridTemplateColumns: '220px repeat(12, minmax(44px, 1fr))', gap: '2px', fontSize: 12 }}>
              <Box />
              {Array.from({ length: 12 }, (_v, k) => <Box key={k} sx={{ textAlign: 'center', color: 'text.secondary' }}>{monthName.format(Date.UTC(2001, k, 1))}</Box>)}
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
  const t = useT('quality');
  const label = t('heatmap.station', { name, code });
  return (
    <>
      <Box sx={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', pr: 1 }} title={label}>{label}</Box>
      {Array.from({ length: 12 }, (_v, k) => {
        const m = months.find((x) => x.month === k + 1);
        return m
          ? <Tooltip key={k} title={t('heatmap.cell', { pollutant: m.pollutant, valid: m.valid_days, required: m.required_days })}>
              <Box sx={{ bgcolor: cellColour(m), color: '#fff', textAlign: 'center', borderRadius: 0.5, py: 0.5 }}>{m.valid_days}/{m.required_days}</Box>
            </Tooltip>
          : <Box key={k} sx={{ bgcolor: 'action.hover', borderRadius: 0.5 }} />;
      })}
    </>
  );
}
