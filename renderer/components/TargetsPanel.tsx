// 设置 → 目标值 (read-only): each indicator's default target and scoring rule from the catalogue in force, and
// the 目标责任书 targets imported for the year, which replace the default for their entity.
import { useMemo } from 'react';
import { Alert, Paper, Stack, Typography } from '@mui/material';
import type { Result } from '../../service/contract.js';
import { DataTable, type Column } from './DataTable.js';
import { useApi } from '../hooks/use-api.js';
import { useKept } from '../hooks/use-kept.js';
import { useWorkstation } from '../workstation.js';
import { Show } from './Feedback.js';
import { useT } from '../i18n/i18n.js';

export function TargetsPanel() {
  const w = useWorkstation();
  const t = useT('common');
  const year = w.year;
  const table = useKept(useApi(`targets/${year ?? ''}/${w.revision}`, () => (year === undefined ? null : w.client.call('targets/list', { year }))));
  return (
    <Paper variant="outlined" sx={{ p: 2 }} data-testid="targets-panel">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600, mb: 1 }}>{year !== undefined ? t('targets.titleYear', { year }) : t('targets.title')}</Typography>
      {year === undefined
        ? <Typography color="text.secondary">{t('targets.noData')}</Typography>
        : (
          <Show loaded={table} label={t('targets.loading')}>{(table) => (
            <Stack spacing={2}>
              <Typography variant="body2" color="text.secondary">
                {t('targets.intro', { id: table.catalogue.id, version: table.catalogue.version })}
              </Typography>
              <DefaultTargets rows={table.indicators} />
              <Typography sx={{ fontWeight: 600 }}>{t('targets.imported')}</Typography>
              {table.imported.length === 0
                ? <Typography color="text.secondary" data-testid="no-imported-targets">{t('targets.noneImported', { year })}</Typography>
                : (
                  <>
                    {table.imported.some((r) => r.unknownIndicator) && <Alert severity="warning">{t('targets.unknownWarning')}</Alert>}
                    <ImportedTargets rows={table.imported} />
                  </>
                )}
            </Stack>
          )}</Show>
        )}
    </Paper>
  );
}

type Targets = Result<'targets/list'>;

function DefaultTargets({ rows }: { rows: Targets['indicators'] }) {
  const t = useT('common');
  const columns = useMemo((): Column<Targets['indicators'][number]>[] => [
    { key: 'indicator', header: t('targets.id'), value: (i) => i.indicator },
    { key: 'name', header: t('targets.indicator'), value: (i) => i.name, width: 220, wrap: true },
    { key: 'unit', header: t('targets.unit'), value: (i) => i.unit },
    { key: 'direction', header: t('targets.direction'), value: (i) => (i.direction === 'lower_better' ? t('targets.lowerBetter') : t('targets.higherBetter')) },
    { key: 'target', header: t('targets.defaultTarget'), value: (i) => i.target, wrap: true, width: 180 },
    { key: 'rule', header: t('targets.rule'), value: (i) => i.rule, wrap: true, grow: true },
    { key: 'points', header: t('targets.points'), value: (i) => i.points, decimals: 0, text: (i) => String(i.points) },
    { key: 'overrides', header: t('targets.agreementTarget'), value: (i) => i.overrides, align: 'right', text: (i) => (i.overrides > 0 ? t('targets.entities', { n: i.overrides }) : '—') },
  ], [t]);
  return <DataTable testId="targets-table" rows={rows} columns={columns} rowId={(i) => i.indicator} pageSize={100} maxHeight={480} label={t('targets.title')} exportName={t('targets.exportName')} />;
}

function ImportedTargets({ rows }: { rows: Targets['imported'] }) {
  const t = useT('common');
  const columns = useMemo((): Column<Targets['imported'][number]>[] => [
    { key: 'entity', header: t('targets.entity'), value: (r) => t('nameWithCode', { name: r.entityName, code: r.entity }) },
    { key: 'indicator', header: t('targets.indicator'), value: (r) => `${r.indicator}${r.unknownIndicator ? t('targets.unknownIndicator') : ''}` },
    { key: 'target', header: t('targets.target'), value: (r) => r.target, align: 'right' },
    { key: 'source', header: t('targets.source'), value: (r) => t('targets.sourceOf', { batch: r.batch, file: r.file, row: r.row }), grow: true },
  ], [t]);
  return <DataTable testId="imported-targets-table" rows={rows} columns={columns} rowId={(r) => `${r.entity}/${r.indicator}`} maxHeight={360} label={t('targets.imported')} exportName={t('targets.importedExportName')} />;
}
