// 区县详情: every indicator of one district with value, target, status, points and numerator/denominator;
// a value opens its lineage (measure, batches, source records).
import { useMemo, useState } from 'react';
import { Alert, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { LineageDialog } from '../components/LineageDialog.js';
import { statusColour } from '../components/colours.js';
import { useT, useLanguage } from '../i18n/i18n.js';
import { serverWord } from '../i18n/server-words.js';
import { DataTable, type Column } from '../components/DataTable.js';
import { useTableUrlState } from '../hooks/use-route.js';

export function DistrictPage({ id }: { id?: string }) {
  const w = useWorkstation();
  const t = useT('district');
  const year = w.year;
  if (!isComputed(w, year)) {
    return <Empty title={t('notComputed.title', { year: year ?? '' })} next={t('notComputed.next')} action={{ label: t('notComputed.action'), onClick: () => w.go({ page: 'overview' }) }} />;
  }
  return <DistrictOfYear year={year} id={id} />;
}

function DistrictOfYear({ year, id }: { year: number; id?: string }) {
  const w = useWorkstation();
  const t = useT('district');
  const sheets = useApi(`sheets/${year}/${w.revision}`, () => w.client.call('scores/get', { year }));
  return (
    <Show loaded={sheets} label={t('loading')}>{({ sheets: all }) => {
      if (all.length === 0) return <Empty title={t('noResults.title')} next={t('noResults.next')} />;
      const sheet = all.find((s) => s.entity === id) ?? all[0]!;
      return (
        <Stack spacing={2}>
          <PageHeader title={t('title')}>
            <DistrictPicker districts={all.map((s) => ({ code: s.entity, name: s.name }))} value={sheet.entity} onChange={(code) => w.go({ page: 'district', id: code })} />
            <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
              {t('about', { year, earned: formatPoints(sheet.earned), max: formatPoints(sheet.applicableMax), total: sheet.total.toFixed(1), grade: serverWord(sheet.grade) })}
            </Typography>
          </PageHeader>
          <IndicatorTable sheet={sheet} />
        </Stack>
      );
    }}</Show>
  );
}

type Item = ScoreSheet['items'][number];

function IndicatorTable({ sheet }: { sheet: ScoreSheet }) {
  const t = useT('district');
  const [open, setOpen] = useState<string | null>(null);
  const table = useTableUrlState('i');
  const language = useLanguage();
  const columns = useMemo((): Column<Item>[] => [
    { key: 'indicator', header: t('column.indicator'), value: (i) => `${i.indicator} ${i.name}`, width: 240, wrap: true },
    { key: 'dimension', header: t('column.dimension'), value: (i) => i.dimension },
    { key: 'value', header: t('column.value'), value: (i) => i.value, rowDecimals: (i) => i.decimals, width: 170,
      text: (i) => `${formatValue(i.value, i.decimals)}${i.unit && i.value !== null ? ` ${i.unit}` : ''}`,
      render: (i) => (
        <Button size="small" onClick={(e) => { e.stopPropagation(); setOpen(i.indicator); }} data-testid={`value-${i.indicator}`} title={t('showLineage')}
          sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 0 }}>
          {formatValue(i.value, i.decimals)}{i.unit && i.value !== null ? ` ${i.unit}` : ''}
        </Button>
      ) },
    { key: 'target', header: t('column.target'), value: (i) => i.target, rowDecimals: (i) => i.decimals },
    { key: 'status', header: t('column.status'), value: (i) => serverWord(i.status),
      render: (i) => <Chip size="small" label={serverWord(i.status)} sx={{ bgcolor: statusColour(i.status), color: '#fff' }} /> },
    { key: 'points', header: t('column.points'), value: (i) => i.points, decimals: 2, text: (i) => `${formatPoints(i.points)} / ${formatPoints(i.maxPoints)}` },
    { key: 'fraction', header: t('column.fraction'), value: (i) => fraction(i.numerator, i.denominator), align: 'right' },
    { key: 'previous', header: t('column.previous'), value: (i) => i.previous, rowDecimals: (i) => i.decimals },
  ], [t, language]);
  return (
    <Paper variant="outlined">
      <Alert severity="info" sx={{ borderRadius: 0 }}>{t('lineageHint')}</Alert>
      <DataTable testId="district-indicators" rows={sheet.items} columns={columns} rowId={(i) => i.indicator} pageSize={100} maxHeight="none"
        state={table.state} onStateChange={table.onStateChange}
        label={t('tableLabel', { name: sheet.name, year: sheet.year })} exportName={t('exportName', { name: sheet.name, year: sheet.year })} />
      {open && <LineageDialog indicator={open} entity={sheet.entity} year={sheet.year} onClose={() => setOpen(null)} />}
    </Paper>
  );
}

function fraction(n: number | null, d: number | null): string {
  const f = (x: number | null) => (x === null ? '—' : String(Number(x.toFixed(2))));
  return `${f(n)} / ${f(d)}`;
}
