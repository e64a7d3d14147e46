// 设置 → 目标值 (read-only): each indicator's default target and scoring rule from the catalogue in force, and
// the 目标责任书 targets imported for the year, which replace the default for their entity.
import { Alert, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
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
              <TableContainer sx={{ maxHeight: 480 }}>
                <Table size="small" stickyHeader data-testid="targets-table">
                  <TableHead><TableRow sx={{ '& th': { whiteSpace: 'nowrap' } }}><TableCell>{t('targets.id')}</TableCell><TableCell>{t('targets.indicator')}</TableCell><TableCell>{t('targets.unit')}</TableCell><TableCell>{t('targets.direction')}</TableCell>
                    <TableCell>{t('targets.defaultTarget')}</TableCell><TableCell>{t('targets.rule')}</TableCell><TableCell align="right">{t('targets.points')}</TableCell><TableCell align="right">{t('targets.agreementTarget')}</TableCell></TableRow></TableHead>
                  <TableBody>
                    {table.indicators.map((i) => (
                      <TableRow key={i.indicator} hover sx={{ '& td:nth-of-type(1), & td:nth-of-type(3), & td:nth-of-type(4), & td:nth-of-type(7), & td:nth-of-type(8)': { whiteSpace: 'nowrap' } }}>
                        <TableCell>{i.indicator}</TableCell><TableCell>{i.name}</TableCell><TableCell>{i.unit}</TableCell>
                        <TableCell>{i.direction === 'lower_better' ? t('targets.lowerBetter') : t('targets.higherBetter')}</TableCell>
                        <TableCell>{i.target}</TableCell><TableCell>{i.rule}</TableCell><TableCell align="right">{i.points}</TableCell>
                        <TableCell align="right">{i.overrides > 0 ? t('targets.entities', { n: i.overrides }) : '—'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
              <Typography sx={{ fontWeight: 600 }}>{t('targets.imported')}</Typography>
              {table.imported.length === 0
                ? <Typography color="text.secondary" data-testid="no-imported-targets">{t('targets.noneImported', { year })}</Typography>
                : (
                  <>
                    {table.imported.some((r) => r.unknownIndicator) && <Alert severity="warning">{t('targets.unknownWarning')}</Alert>}
                    <TableContainer sx={{ maxHeight: 360 }}>
                      <Table size="small" stickyHeader data-testid="imported-targets-table">
                        <TableHead><TableRow><TableCell>{t('targets.entity')}</TableCell><TableCell>{t('targets.indicator')}</TableCell><TableCell align="right">{t('targets.target')}</TableCell><TableCell>{t('targets.source')}</TableCell></TableRow></TableHead>
                        <TableBody>
                          {table.imported.map((r) => (
                            <TableRow key={`${r.entity}/${r.indicator}`} hover>
                              <TableCell>{t('nameWithCode', { name: r.entityName, code: r.entity })}</TableCell>
                              <TableCell>{r.indicator}{r.unknownIndicator ? t('targets.unknownIndicator') : ''}</TableCell>
                              <TableCell align="right">{r.target}</TableCell>
                              <TableCell>{t('targets.sourceOf', { batch: r.batch, file: r.file, row: r.row })}</TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </TableContainer>
                  </>
                )}
            </Stack>
          )}</Show>
        )}
    </Paper>
  );
}
