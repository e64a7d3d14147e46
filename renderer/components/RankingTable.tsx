// The ranking as a table: rank, district, value (indicator's decimals), status, points; a row opens the district.
import { useMemo } from 'react';
import { Chip } from '@mui/material';
import type { Ranking } from '../../service/contract.js';
import type { RankingRow } from '../../indicators/results.js';
import { formatPoints } from '../../indicators/value-format.js';
import { useT } from '../i18n/i18n.js';
import { serverWord } from '../i18n/server-words.js';
import { DataTable, type Column } from './DataTable.js';

const STATUS_CHIP: Record<string, 'success' | 'error'> = { 达标: 'success', 未达标: 'error' };

export function RankingTable({ ranking, onPick }: { ranking: Ranking; onPick?: (entity: string) => void }) {
  const t = useT('common');
  const columns = useMemo((): Column<RankingRow>[] => {
    const unit = ranking.unit ? t('ranking.unit', { unit: ranking.unit }) : '';
    return [
      { key: 'rank', header: t('ranking.rank'), value: (r) => r.rank, decimals: 0, align: 'left' },
      { key: 'name', header: t('ranking.district'), value: (r) => r.name, grow: true },
      // 一区两群 of the year: sort or filter the ranking by group
      { key: 'group', header: t('ranking.group'), value: (r) => r.regionGroup ?? '—' },
      { key: 'value', header: t('ranking.value', { unit }), value: (r) => r.value, decimals: ranking.decimals },
      { key: 'status', header: t('ranking.status'), value: (r) => serverWord(r.status), align: 'center',
        render: (r) => <Chip size="small" variant="outlined" label={serverWord(r.status)} color={STATUS_CHIP[r.status] ?? 'default'} /> },
      { key: 'points', header: t('ranking.points'), value: (r) => r.points, decimals: 2, text: (r) => formatPoints(r.points) },
    ];
  }, [ranking, t]);
  return (
    <DataTable testId="ranking-table" rows={ranking.rows} columns={columns} rowId={(r) => r.entity} pageSize={100}
      label={t('ranking.tableLabel', { name: ranking.name })} exportName={t('ranking.exportName', { year: ranking.year, id: ranking.indicator, name: ranking.name })}
      onRowClick={onPick && ((r) => onPick(r.entity))} />
  );
}
