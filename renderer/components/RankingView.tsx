// 区县排名: one indicator in one year — the city value, a bar chart and the table.
import { Alert, Box, CircularProgress, Paper, Stack, Typography } from '@mui/material';
import type { ApiClient, Ranking } from '../../service/contract.js';
import { useApi } from '../hooks/use-api.js';
import { formatValue } from '../../indicators/value-format.js';
import { RankingChart } from './RankingChart.js';
import { RankingTable } from './RankingTable.js';

export function RankingView({ client, year, indicator }: { client: ApiClient; year: number; indicator: string }) {
  const ranking = useApi(`${year}/${indicator}`, () => client.call('indicators/ranking', { year, indicator }));
  if (ranking.state === 'error') return <Alert severity="error">{ranking.message}</Alert>;
  if (ranking.state !== 'done') return <Loading />;
  return <RankingContent ranking={ranking.data} />;
}

function RankingContent({ ranking }: { ranking: Ranking }) {
  if (ranking.rows.length === 0) {
    return <Alert severity="info">{ranking.year}年没有区县的“{ranking.name}”计算结果</Alert>;
  }
  const withValue = ranking.rows.filter((r) => r.value !== null).length;
  return (
    <Stack spacing={2}>
      <Paper variant="outlined" sx={{ px: 2, py: 1.5 }}>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
          <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>全市</Typography>
          <Typography variant="h5" component="span" data-testid="city-value" sx={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatValue(ranking.city, ranking.decimals)}
          </Typography>
          <Typography variant="body2" color="text.secondary">{ranking.unit}</Typography>
          <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
            {ranking.year}年 · {ranking.indicator} {ranking.name} · {withValue} / {ranking.rows.length} 个区县有计算值
          </Typography>
        </Stack>
      </Paper>
      {withValue > 0 ? (
        <Paper variant="outlined" sx={{ p: 1 }}>
          <RankingChart ranking={ranking} />
        </Paper>
      ) : (
        <Alert severity="warning">所有区县都缺少“{ranking.name}”的数据，无法绘制排名图</Alert>
      )}
      <Paper variant="outlined" sx={{ maxHeight: 640, overflow: 'auto' }}>
        <RankingTable ranking={ranking} />
      </Paper>
    </Stack>
  );
}

function Loading() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
      <CircularProgress aria-label="正在加载" />
    </Box>
  );
}
