// 区县详情: every indicator of one district with value, target, status, points and numerator/denominator;
// a value opens its lineage (measure, batches, source records).
import { useState } from 'react';
import { Alert, Button, Chip, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { ScoreSheet } from '../../indicators/results.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { useApi } from '../hooks/use-api.js';
import { isComputed, useWorkstation } from '../workstation.js';
import { Empty, Show } from '../components/Feedback.js';
import { PageHeader } from '../components/PageHeader.js';
import { DistrictPicker } from '../components/DistrictPicker.js';
import { LineageDialog } from '../components/LineageDialog.js';
import { statusColour } from '../components/colours.js';
import { useT } from '../i18n/i18n.js';

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
              {t('about', { year, earned: formatPoints(sheet.earned), max: formatPoints(sheet.applicableMax), total: sheet.total.toFixed(1), grade: sheet.grade })}
            </Typography>
          </PageHeader>
          <IndicatorTable sheet={sheet} />
        </Stack>
      );
    }}</Show>
  );
}

function IndicatorTable({ sheet }: { sheet: ScoreSheet }) {
  const t = useT('district');
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Paper variant="outlined">
      <Alert severity="info" sx={{ borderRadius: 0 }}>{t('lineageHint')}</Alert>
      <TableContainer>
        <Table size="small" data-testid="district-indicators">
          <TableHead>
            <TableRow>
              <TableCell>{t('column.indicator')}</TableCell><TableCell>{t('column.dimension')}</TableCell>
              <TableCell align="right">{t('column.value')}</TableCell><TableCell align="right">{t('column.target')}</TableCell>
              <TableCell>{t('column.status')}</TableCell><TableCell align="right">{t('column.points')}</TableCell>
              <TableCell align="right">{t('column.fraction')}</TableCell><TableCell align="right">{t('column.previous')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sheet.items.map((i) => (
              <TableRow key={i.indicator} hover data-indicator={i.indicator}>
                <TableCell>{i.indicator} {i.name}</TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{i.dimension}</TableCell>
                <TableCell align="right">
                  <Button size="small" onClick={() => setOpen(i.indicator)} data-testid={`value-${i.indicator}`} title={t('showLineage')}
                    sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 0 }}>
                    {formatValue(i.value, i.decimals)}{i.unit && i.value !== null ? ` ${i.unit}` : ''}
                  </Button>
                </TableCell>
                <TableCell align="right" title={i.targetSource ?? ''}>{formatValue(i.target, i.decimals)}</TableCell>
                <TableCell><Chip size="small" label={i.status} sx={{ bgcolor: statusColour(i.status), color: '#fff' }} /></TableCell>
                <TableCell align="right">{formatPoints(i.points)} / {formatPoints(i.maxPoints)}</TableCell>
                <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{fraction(i.numerator, i.denominator)}</TableCell>
                <TableCell align="right">{formatValue(i.previous, i.decimals)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {open && <LineageDialog indicator={open} entity={sheet.entity} year={sheet.year} onClose={() => setOpen(null)} />}
    </Paper>
  );
}

function fraction(n: number | null, d: number | null): string {
  const f = (x: number | null) => (x === null ? '—' : String(Number(x.toFixed(2))));
  return `${f(n)} / ${f(d)}`;
}
