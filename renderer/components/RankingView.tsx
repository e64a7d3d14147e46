// 区县排名: one indicator in one year — the city value, a bar chart and the table.
import { Alert, Box, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import type { ApiClient, Ranking } from '../../service/contract.js';
import { useApi } from '../hooks/use-api.js';
import { useWorkstation } from '../workstation.js';
import { formatValue } from '../../indicators/value-format.js';
import { RankingChart } from './RankingChart.js';
import { RankingTable } from './RankingTable.js';
import { useT } from '../i18n/i18n.js';

export function RankingView({ client, year, indicator }: { client: ApiClient; year: number; indicator: string }) {
  const ranking = useApi(`${year}/${indicator}`, () => client.call('indicators/ranking', { year, indicator }));
  if (ranking.state === 'error') return <Alert severity="error">{ranking.message}</Alert>;
  if (ranking.state !== 'done') return <Loading />;
  return <RankingContent ranking={ranking.data} />;
}

function RankingContent({ ranking }: { ranking: Ranking }) {
  const t = useT('common');
  const w = useWorkstation();
  const open = (entity: string) => w.go({ page: 'district', id: entity });
  if (ranking.rows.length === 0) {
    return <Alert severity="info">{t('ranking.noRows', { year: ranking.year, name: ranking.name })}</Alert>;
  }
  const withValue = ranking.rows.filter((r) => r.value !== null).length;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>{t('ranking.city')}</Typography>
          <Typography variant="h5" component="span" data-testid="city-value" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatValue(ranking.city, ranking.decimals)}
          </Typography>
          <Typography variant="body2" color="text.secondary">{ranking.unit}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {t('ranking.summary', { year: ranking.year, id: ranking.indicator, name: ranking.name, withValue, total: ranking.rows.length })}
          </Typography>
        </Stack>
      </Paper>
      {withValue > 0 ? (
        <Paper variant="outlined" sx={{ p: 1 }}>
          <RankingChart ranking={ranking} onPick={open} />
        </Paper>
      ) : (
        <Alert severity="warning">{t('ranking.noValues', { name: ranking.name })}</Alert>
      )}
      <Paper variant="outlined">
        <RankingTable ranking={ranking} onPick={open} />
      </Paper>
    </Stack>
  );
}

function Loading() {
  const t = useT('common');
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
      <CircularProgress aria-label={t('loading')} />
    </Box>
  );
}
