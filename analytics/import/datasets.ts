// The canonical datasets: columns, their Chinese header synonyms, how each is read, and the rules that need
// other rows or tables (natural key, references, ranges). Spec: shared/domain/datasets.md. Adding a dataset =
// its table in migrations.ts and an entry here; only rules no declaration can say go in load-steps.ts.

export type ColumnKind =
  | 'code' | 'text' | 'number' | 'int' | 'year' | 'date' | 'time' | 'flag' | 'bool' | 'unitType' | 'pollutant' | 'enum'
  /** An amount in 元; a header that says 万元 is converted. */
  | 'money';

export interface ColumnSpec {
  name: string;
  label: string;
  kind: ColumnKind;
  required: boolean;
  synonyms: string[];
  /** Numbers that must not be negative. */
  nonNegative?: boolean;
  /** The header is required but a cell may be empty (a missing hourly value is kept as NULL, never 0). */
  emptyCellAllowed?: boolean;
  /** Plausible range of a number; a value outside it is refused with `rangeReason`. */
  range?: { min?: number; max?: number; reason: string };
  /** Read from the file but not a column of the table (e.g. a district name that resolves to its code). */
  virtual?: boolean;
  /** For 'enum': the stored values and the ways files write them. */
  values?: Record<string, string[]>;
}

export interface Reference {
  column: string;
  table: string;
  tableColumn: string;
  reason: string;
}

export interface DatasetSpec {
  name: DatasetName;
  label: string;
  /** Import order within one call: reference data before the data that refers to it. */
  order: number;
  columns: ColumnSpec[];
  /** Alternative column sets: e.g. one column per pollutant instead of pollutant + value (wide air tables). */
  wide?: { replaces: string[]; columns: ColumnSpec[] };
  /** Columns of which one is enough (e.g. district code or district name). */
  oneOf?: string[][];
  /** The table the rows land in (migrations.ts). */
  table: string;
  /** Natural key: duplicates are refused within a file and against earlier batches. */
  key: string[];
  /** A time or date column of the key: limits the check against earlier batches to the file's span. */
  timeColumn?: string;
  /** Codes that must exist in another table (imported earlier or in the same call). */
  refs?: Reference[];
}

export type DatasetName = 'units' | 'air_stations' | 'air_hourly';

const col = (
  name: string, label: string, kind: ColumnKind, required: boolean, synonyms: string[], extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, label, kind, required, synonyms, ...extra });

export const POLLUTANTS = ['SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5'] as const;
export type Pollutant = (typeof POLLUTANTS)[number];

/** Names a pollutant goes by in headers and cells (matched after normalisation, see header-match.ts). */
export const POLLUTANT_SYNONYMS: Record<Pollutant, string[]> = {
  SO2: ['SO2', '二氧化硫', 'a21026'],
  NO2: ['NO2', '二氧化氮', 'a21004'],
  CO: ['CO', '一氧化碳', 'a21005'],
  O3: ['O3', '臭氧', 'a05024'],
  PM10: ['PM10', '可吸入颗粒物', 'a34002'],
  'PM2.5': ['PM2.5', 'PM25', '细颗粒物', 'a34004'],
};

/** District by code, or by name (resolved to its code on import). */
const districtColumns = [
  col('district_code', '区县代码', 'code', false, ['区县代码', '行政区划代码', '所属区县代码', '区县编码', 'district_code']),
  col('district_name', '区县名称', 'text', false, ['区县', '区县名称', '所属区县', '行政区', 'district'], { virtual: true }),
];
const DISTRICT_ONE_OF = [['district_code', 'district_name']];

const LON = col('lon', '经度', 'number', false, ['经度', 'lon', 'lng', 'longitude'], { range: { min: 73, max: 136, reason: '经度超出中国范围（73–136）' } });
const LAT = col('lat', '纬度', 'number', false, ['纬度', 'lat', 'latitude'], { range: { min: 3, max: 54, reason: '纬度超出中国范围（3–54）' } });

const unitRef = (reason = '管控单元编码在工作空间中不存在（请先导入管控单元）'): Reference =>
  ({ column: 'unit_code', table: 'units', tableColumn: 'unit_code', reason });

export const DATASETS: Record<DatasetName, DatasetSpec> = {
  units: {
    name: 'units',
    label: '环境管控单元',
    order: 1,
    columns: [
      col('unit_code', '管控单元编码', 'code', true, ['管控单元编码', '环境管控单元编码', '单元编码', 'HJZHGKDYBM', 'unit_code']),
      col('unit_name', '管控单元名称', 'text', true, ['管控单元名称', '环境管控单元名称', '单元名称', 'HJZHGKDYMC', 'unit_name']),
      col('unit_type', '管控单元类别', 'unitType', true, ['管控单元类别', '单元类别', '管控类别', '单元类型', 'ZHGKDYFL', 'unit_type']),
      ...districtColumns,
      col('area_km2', '面积', 'number', false, ['面积', '面积km2', '面积平方公里', 'area_km2'], { nonNegative: true }),
      col('plan_version', '成果版本', 'text', true, ['成果版本', '版本', '方案版本', 'plan_version']),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'units',
    key: ['unit_code', 'plan_version'],
  },
  air_stations: {
    name: 'air_stations',
    label: '环境空气监测站点',
    order: 2,
    columns: [
      col('station_code', '站点编码', 'code', true, ['站点编码', '点位编码', '站点代码', '监测点位编码', '站号', 'station_code']),
      col('name', '站点名称', 'text', true, ['站点名称', '点位名称', '监测点位', '站名', 'name']),
      ...districtColumns,
      col('unit_code', '管控单元编码', 'code', false, ['管控单元编码', '环境管控单元编码', '所在管控单元', 'unit_code']),
      LON,
      LAT,
      col('level', '站点级别', 'text', false, ['站点级别', '点位级别', '级别', 'level']),
      col('is_city_site', '是否城市点', 'bool', true, ['是否城市点', '城市点', '是否参与城市评价', 'is_city_site']),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'air_stations',
    key: ['station_code'],
    refs: [unitRef()],
  },
  air_hourly: {
    name: 'air_hourly',
    label: '环境空气小时数据',
    order: 3,
    columns: [
      col('station_code', '站点编码', 'code', true, ['站点编码', '点位编码', '站点代码', '监测点位编码', '站号', 'station_code']),
      col('time', '监测时间', 'time', true, ['监测时间', '时间', '日期时间', '采样时间', '数据时间', 'datetime', 'time']),
      col('pollutant', '污染物', 'pollutant', true, ['污染物', '监测项目', '污染物名称', '因子', 'pollutant']),
      col('value', '浓度', 'number', true, ['浓度', '监测值', '浓度值', '数值', 'value'], { nonNegative: true, emptyCellAllowed: true }),
      col('flag', '数据标记', 'flag', false, ['数据标记', '标记', '标识', '有效性标识', '状态', 'flag']),
    ],
    wide: {
      replaces: ['pollutant', 'value', 'flag'],
      columns: Object.entries(POLLUTANT_SYNONYMS).map(([p, syn]) =>
        col(p, p, 'number', false, syn, { nonNegative: true })),
    },
    table: 'air_hourly',
    key: ['station_code', 'time', 'pollutant'],
    timeColumn: 'time',
    refs: [{ column: 'station_code', table: 'air_stations', tableColumn: 'station_code', reason: '未知的站点编码（请先导入空气站点名录，或检查编码）' }],
  },
};

export function datasetByName(name: string): DatasetSpec | undefined {
  return (DATASETS as Record<string, DatasetSpec>)[name];
}
