// The one table of the app, on MUI X DataGrid (community, MIT): sort on every column (ids in natural order: C1,
// C2 … C10), a filter per column and a quick search, keyboard navigation (Tab into the grid, arrows between cells,
// Enter opens a row), a header that stays in view while the rows scroll, pages, and export of exactly what is
// shown — the filtered and sorted rows of the visible columns — as .csv (built here) or .xlsx ('tables/export').
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Box, Button, Menu, MenuItem, Typography } from '@mui/material';
import {
  DataGrid, GridToolbarColumnsButton, GridToolbarContainer, GridToolbarFilterButton, GridToolbarQuickFilter,
  gridFilteredSortedRowEntriesSelector, gridVisibleColumnDefinitionsSelector, useGridApiContext,
  type GridColDef, type GridRenderCellParams,
  type GridApi,
} from '@mui/x-data-grid';
import { zhCN, enUS } from '@mui/x-data-grid/locales';
import { formatValue } from '../../indicators/value-format.js';
import { useWorkstation } from '../workstation.js';
import type { TableState } from '../hooks/use-route.js';
import { downloadReport } from '../api/files.js';
import { errorMessage } from '../hooks/use-api.js';
import { useLanguage, useT } from '../i18n/i18n.js';
import { csvText, naturalCompare, textWidthPx, type Cell } from './table-export.js';

export interface Column<R> {
  key: string;
  header: string;
  /** What is sorted, filtered and exported; a number column when `decimals` is set. */
  value: (row: R) => string | number | null;
  /** Number columns: shown (and exported to .csv) with this many decimals, missing values as —. */
  decimals?: number;
  /** Number columns whose rows differ in decimals (each indicator its own): shown and exported as text with the
   *  row's decimals; sorted and filtered as numbers. */
  rowDecimals?: (row: R) => number;
  /** The text shown and exported, when it is not the value itself (a mapped status, a joined list). */
  text?: (row: R) => string;
  /** A cell drawn otherwise (a chip, a button); the export still writes `text`/`value`. */
  render?: (row: R) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Wider or narrower than the content asks for, in px. */
  width?: number;
  /** Grows to fill the table's width. */
  grow?: boolean;
  /** Action columns: not sorted, filtered nor exported. */
  action?: boolean;
  monospace?: boolean;
  /** Long text (a detail, a reason): wraps within the column's width, and the row grows. */
  wrap?: boolean;
}

/** Sort, filter and page of a table, e.g. kept in the URL by the page. */
export type { TableState };

export interface DataTableProps<R> {
  rows: readonly R[];
  columns: Column<R>[];
  /** A row's unique id (the row's place in `rows` for tables without a key). */
  rowId: (row: R, index: number) => string;
  /** data-testid of the table. */
  testId: string;
  /** Title of the exported file and sheet (without extension); no export buttons without it. */
  exportName?: string;
  onRowClick?: (row: R) => void;
  /** Rows per page (default 50); tables of at most that many rows have no pager. */
  pageSize?: number;
  state?: TableState;
  onStateChange?: (s: TableState) => void;
  /** Server-side pages: the total row count, with state.page and onStateChange. */
  rowCount?: number;
  loading?: boolean;
  /** The table's accessible name. */
  label?: string;
  /** Rows are at most this tall before the table scrolls inside (the header stays in view); 'none' in a dialog or
   *  panel that scrolls itself (no scroll area inside a scroll area). */
  maxHeight?: number | string;
  noRows?: string;
  toolbar?: boolean;
  /** The id of a row shown as chosen (e.g. the day whose records are open). */
  selected?: string;
  density?: 'compact' | 'standard';
}

const PAGE_SIZES = [25, 50, 100];

function cellText<R>(c: Column<R>, row: R): string {
  if (c.text) return c.text(row);
  const v = c.value(row);
  if (c.rowDecimals) return formatValue(typeof v === 'number' ? v : null, c.rowDecimals(row));
  if (c.decimals !== undefined) return formatValue(typeof v === 'number' ? v : null, c.decimals);
  return v === null ? '' : String(v);
}

/** Width from the content: the header (plus sort and menu icons) or the widest of the first rows, within bounds. */
function contentWidth<R>(c: Column<R>, rows: readonly R[]): number {
  if (c.width) return c.width;
  if (c.wrap) return Math.max(160, textWidthPx(c.header) + 52);
  const header = textWidthPx(c.header) + 52;
  let cells = 0;
  for (let k = 0; k < Math.min(rows.length, 300); k++) cells = Math.max(cells, textWidthPx(cellText(c, rows[k]!), c.monospace));
  // cell padding (2 × 10 px), and the outline of a drawn cell (a chip)
  return Math.min(420, Math.max(64, header, cells + (c.render ? 48 : 28)));
}

// Stable empty models: a new object each render reads to the grid as a changed model, and a changed filter sends a
// server-paged table back to its first page.
const NO_SORT: NonNullable<TableState['sort']> = [];
const NO_FILTER: NonNullable<TableState['filter']> = { items: [] };

export function DataTable<R>(p: DataTableProps<R>) {
  const t = useT('common');
  const language = useLanguage();
  const [ownState, setOwnState] = useState<TableState>({});
  const state = p.state ?? ownState;
  const setState = p.onStateChange ?? setOwnState;
  const size = p.pageSize ?? 50;
  const paged = p.rowCount !== undefined ? p.rowCount > size : p.rows.length > size;
  const defs = useMemo((): GridColDef[] => p.columns.map((c) => {
    const numeric = c.decimals !== undefined || c.rowDecimals !== undefined;
    return {
      field: c.key,
      headerName: c.header,
      width: contentWidth(c, p.rows),
      flex: c.grow ? 1 : undefined,
      minWidth: contentWidth(c, p.rows),
      type: numeric ? 'number' : 'string',
      align: c.align ?? (numeric ? 'right' : 'left'),
      headerAlign: c.align ?? (numeric ? 'right' : 'left'),
      sortable: !c.action,
      filterable: !c.action,
      disableExport: c.action,
      valueGetter: (_v: never, row: R) => c.value(row),
      valueFormatter: (_v: never, row: R) => cellText(c, row),
      sortComparator: numeric ? undefined : (a: unknown, b: unknown) => naturalCompare(a == null ? '' : String(a), b == null ? '' : String(b)),
      renderCell: c.render ? (params: GridRenderCellParams) => c.render!(params.row as R) : undefined,
      cellClassName: [c.monospace && 'zt-mono', c.wrap && 'zt-wrap'].filter(Boolean).join(' ') || undefined,
    } as GridColDef;
  }), [p.columns, p.rows]);
  const rows = useMemo(() => p.rows.map((r) => r), [p.rows]);
  const ids = useMemo(() => new Map(p.rows.map((r, k) => [r, p.rowId(r, k)])), [p.rows]);
  const wraps = p.columns.some((c) => c.wrap);
  const onClick = p.onRowClick;
  const localeText = useMemo(() => ({
    ...(language === 'zh' ? zhCN : enUS).components.MuiDataGrid.defaultProps.localeText,
    noRowsLabel: p.noRows ?? t('table.noRows'),
  }), [language, p.noRows, t]);
  const toolbar = useCallback(() => <TableToolbar columns={p.columns} exportName={p.exportName} />, [p.columns, p.exportName]);
  return (
    <Box data-testid={p.testId} sx={{ width: '100%', display: 'flex', flexDirection: 'column', maxHeight: p.maxHeight === 'none' ? undefined : p.maxHeight ?? (paged || p.rows.length > 15 ? 'calc(100vh - 120px)' : undefined),
      '& .zt-mono': { fontFamily: 'monospace' }, '& .zt-selected': { bgcolor: 'action.selected' }, '& .zt-wrap': { whiteSpace: 'normal', lineHeight: 1.4, py: 0.75 }, '& .MuiDataGrid-row': onClick ? { cursor: 'pointer' } : {},
      '& .MuiDataGrid-columnHeaderTitle': { fontWeight: 600 } }}>
      <DataGrid
        rows={rows as never[]}
        columns={defs}
        getRowId={(r) => ids.get(r as R) ?? ''}
        density={p.density ?? 'compact'}
        getRowHeight={wraps ? () => 'auto' : undefined}
        disableRowSelectionOnClick
        disableColumnSelector={false}
        disableVirtualization={p.rows.length <= 200}
        localeText={localeText}
        aria-label={p.label ?? p.exportName}
        showToolbar={p.toolbar ?? true}
        slots={{ toolbar }}
        sortingOrder={['asc', 'desc', null]}
        sortModel={state.sort ?? NO_SORT}
        onSortModelChange={(sort) => setState({ ...state, sort, page: state.page && { ...state.page, page: 0 } })}
        filterModel={state.filter ?? NO_FILTER}
        onFilterModelChange={(filter) => setState({ ...state, filter, page: state.page && { ...state.page, page: 0 } })}
        paginationModel={state.page ?? { page: 0, pageSize: size }}
        onPaginationModelChange={(page) => setState({ ...state, page })}
        pageSizeOptions={PAGE_SIZES.includes(size) ? PAGE_SIZES : [size, ...PAGE_SIZES].sort((a, b) => a - b)}
        hideFooter={!paged}
        {...(p.rowCount !== undefined ? { paginationMode: 'server' as const, rowCount: p.rowCount, sortingMode: 'client' as const } : {})}
        loading={p.loading}
        onRowClick={onClick ? (params) => onClick(params.row as R) : undefined}
        getRowClassName={p.selected === undefined ? undefined : (params) => (params.id === p.selected ? 'zt-selected' : '')}
        onCellKeyDown={onClick ? (params, e) => { if (e.key === 'Enter') onClick(params.row as R); } : undefined}
        sx={{ border: 0, '& .MuiDataGrid-cell:focus, & .MuiDataGrid-columnHeader:focus': { outlineOffset: -2 } }}
      />
    </Box>
  );
}

/** The rows and columns as shown: filtered, sorted, visible columns only, texts as the cells show them. */
export function shownTable(api: GridApi, columns: Column<unknown>[]): { columns: Column<unknown>[]; rows: { text: string[]; cells: Cell[] }[] } {
  const apiRef = { current: api };
  const visible = gridVisibleColumnDefinitionsSelector(apiRef).map((d) => columns.find((c) => c.key === d.field)).filter((c): c is Column<unknown> => !!c && !c.action);
  const rows = gridFilteredSortedRowEntriesSelector(apiRef).map(({ model }) => ({
    text: visible.map((c) => cellText(c, model)),
    cells: visible.map((c): Cell => {
      const v = c.value(model);
      return c.decimals !== undefined && !c.rowDecimals && !c.text && typeof v === 'number' && Number.isFinite(v) ? v : cellText(c, model);
    }),
  }));
  return { columns: visible, rows };
}

function TableToolbar<R>({ columns, exportName }: { columns: Column<R>[]; exportName?: string }) {
  const t = useT('common');
  const apiRef = useGridApiContext();
  const w = useWorkstation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const shown = () => shownTable(apiRef.current, columns as Column<unknown>[]);
  const csv = () => {
    setAnchor(null);
    const s = shown();
    const blob = new Blob([csvText(s.columns.map((c) => c.header), s.rows.map((r) => r.text))], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${exportName ?? 'table'}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setMessage({ ok: true, text: t('table.exported', { rows: s.rows.length }) });
  };
  const xlsx = async () => {
    setAnchor(null);
    const s = shown();
    try {
      const folders = await w.client.call('workspace/folders', {});
      const written = await w.client.call('tables/export', {
        title: exportName ?? 'table', outDir: folders.reports,
        columns: s.columns.map((c) => (c.decimals === undefined || c.rowDecimals || c.text ? { header: c.header } : { header: c.header, decimals: c.decimals })),
        rows: s.rows.map((r) => r.cells),
      });
      if (!window.zonetrack) await downloadReport(written.path);
      setMessage({ ok: true, text: window.zonetrack ? t('table.exportedTo', { rows: written.rows, path: written.path }) : t('table.exported', { rows: written.rows }) });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <GridToolbarContainer sx={{ px: 1, py: 0.5, gap: 1, flexWrap: 'wrap' }}>
      <GridToolbarColumnsButton />
      <GridToolbarFilterButton />
      {exportName && (
        <>
          <Button size="small" onClick={(e) => setAnchor(e.currentTarget)} data-testid="table-export">{t('table.export')}</Button>
          <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
            <MenuItem onClick={csv} data-testid="table-export-csv">{t('table.exportCsv')}</MenuItem>
            <MenuItem onClick={() => void xlsx()} data-testid="table-export-xlsx">{t('table.exportXlsx')}</MenuItem>
          </Menu>
        </>
      )}
      {message && <Typography variant="caption" color={message.ok ? 'text.secondary' : 'error'} data-testid="table-export-message">{message.text}</Typography>}
      <Box sx={{ flex: 1 }} />
      <GridToolbarQuickFilter debounceMs={150} />
    </GridToolbarContainer>
  );
}
