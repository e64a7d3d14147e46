// The ranking as a table: rank, district, value (indicator's decimals), status, points.
import { Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import type { Ranking } from '../../service/contract.js';
import { formatPoints, formatValue } from '../../indicators/value-format.js';
import { useT } from '../i18n/i18n.js';

const STATUS_CHIP: Record<string, 'success' | 'error'> = { 达标: 'success', 未达标: 'error' };

export function RankingTable({ ranking }: { ranking: Ranking }) {
  const t = useT('common');
  const unit = ranking.unit ? t('ranking.unit', { unit: ranking.unit }) : '';
  return (
    <TableContainer>
      <Table size="small" data-testid="ranking-table" aria-label={t('ranking.tableLabel', { name: ranking.name })}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 72 }}>{t('ranking.rank')}</TableCell>
            <TableCell>{t('ranking.district')}</TableCell>
            <TableCell align="right">{t('ranking.value', { unit })}</TableCell>
            <TableCell align="center">{t('ranking.status')}</TableCell>
            <TableCell align="right">{t('ranking.points')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {ranking.rows.map((row) => (
            <TableRow key={row.entity} hover data-entity={row.entity}>
              <TableCell>{row.rank ?? '—'}</TableCell>
              <TableCell>{row.name}</TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{formatValue(row.value, ranking.decimals)}</TableCell>
              <TableCell align="center">
                <Chip size="small" variant="outlined" label={row.status} color={STATUS_CHIP[row.status] ?? 'default'} />
              </TableCell>
              <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>{formatPoints(row.points)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
