// The canonical datasets: columns, their Chinese header synonyms, how each is read, and the rules that need
// other rows or tables (natural key, references, ranges). Spec: shared/domain/datasets.md. Adding a dataset =
// its table in migrations.ts and an entry here; only rules no declaration can say go in load-steps.ts.

export type ColumnKind =
  | 'code' | 'text' | 'number' | 'int' | 'year' | 'date' | 'time' | 'flag' | 'bool' | 'unitType' | 'pollutant' | 'enum'
  /** An amount in 元; a header that says 万元 is converted. */
  | 'money'
  /** A measured value that may be below the detection limit ("ND", "<0.01", "0.01L": the limit is kept). */
  | 'measured'
  /** Who a figure is about: a district (code or name), a unit, a reporting entity, or the city ('city'). */
  | 'entity';

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
  /** For 'enum': a value none of `values` names is kept as written (open lists such as 违法类型). */
  open?: boolean;
  /** The code's form (a regular expression over the whole, upper-cased value) and what to say when it differs. */
  pattern?: { re: string; reason: string };
  /** A number that must not exceed another column of the row (rectified ≤ found). */
  notAbove?: string;
  /** A date that must not precede another date of the row (closed ≥ filed). */
  notBefore?: string;
  /** A date that may lie in the future (deadlines); others must not be later than today. */
  futureAllowed?: boolean;
}

export interface Reference {
  column: string;
  /** A table, or a parenthesised query (see KNOWN_ENTITIES). */
  table: string;
  tableColumn: string;
  reason: string;
}

export interface WideForm {
  /** The long columns the wide form replaces. */
  replaces: string[];
  /** One column per name (pollutant, water item): the header says which. */
  columns: ColumnSpec[];
  /** The long column that receives the name of the header a cell stands under. */
  name: string;
  /** The long column that receives the cell. */
  value: string;
  /** Empty cells make no row (a water item not measured that month); else they are kept as missing values. */
  dropEmpty?: boolean;
}

export interface DatasetSpec {
  name: DatasetName;
  label: string;
  /** Import order within one call: reference data before the data that refers to it. */
  order: number;
  columns: ColumnSpec[];
  /** Alternative column sets: e.g. one column per pollutant instead of pollutant + value (wide air tables). */
  wide?: WideForm;
  /** Columns of which one is enough (e.g. district code or district name). */
  oneOf?: string[][];
  /**
   * A column the file may replace by others, computed from them once they are read (year + month → the 1st
   * of the month). SQL over the typed columns named in `from`.
   */
  derive?: Record<string, { from: string[]; sql: string }>;
  /** The table the rows land in (migrations.ts). */
  table: string;
  /** Natural key: duplicates are refused within a file and against earlier batches. */
  key: string[];
  /** A time or date column of the key: limits the check against earlier batches to the file's span. */
  timeColumn?: string;
  /** Codes that must exist in another table (imported earlier or in the same call). */
  refs?: Reference[];
}

export type DatasetName =
  | 'units' | 'reporting_entities' | 'unit_crosswalk' | 'air_stations' | 'water_sections' | 'drinking_sources' | 'permit_holders'
  | 'air_hourly' | 'air_daily' | 'water_samples' | 'drinking_samples' | 'noise' | 'eqi' | 'ecology_units' | 'soil_stats'
  | 'statistics' | 'targets' | 'emissions_annual' | 'online_hourly' | 'inspections' | 'cases' | 'problems'
  | 'eia_approvals' | 'plan_filings' | 'work_items' | 'access_requirements' | 'access_features';

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

// ---- Vocabularies (stored value → the ways files write it; matched after normalisation, see sql-macros.ts) ----

/** Surface-water items (GB 3838-2002 basic items and the usual field parameters). */
export const WATER_ITEMS: Record<string, string[]> = {
  pH: ['pH', 'pH值'],
  DO: ['DO', '溶解氧'],
  CODMn: ['CODMn', '高锰酸盐指数', '高锰酸钾指数'],
  COD: ['COD', 'CODCr', '化学需氧量'],
  BOD5: ['BOD5', 'BOD₅', '五日生化需氧量', '生化需氧量'],
  'NH3-N': ['NH3-N', 'NH₃-N', '氨氮'],
  TP: ['TP', '总磷'],
  TN: ['TN', '总氮'],
  Cu: ['Cu', '铜'],
  Zn: ['Zn', '锌'],
  F: ['F', 'F-', '氟化物'],
  Se: ['Se', '硒'],
  As: ['As', '砷'],
  Hg: ['Hg', '汞'],
  Cd: ['Cd', '镉'],
  'Cr6+': ['Cr6+', '六价铬', '铬六价'],
  Pb: ['Pb', '铅'],
  CN: ['CN', 'CN-', '氰化物'],
  Phenols: ['Phenols', '挥发酚'],
  Petroleum: ['Petroleum', '石油类'],
  LAS: ['LAS', '阴离子表面活性剂'],
  Sulfide: ['Sulfide', 'S2-', '硫化物'],
  FecalColiform: ['FecalColiform', '粪大肠菌群'],
  WaterTemp: ['WaterTemp', '水温'],
  Conductivity: ['Conductivity', '电导率'],
  Transparency: ['Transparency', '透明度'],
  Chla: ['Chla', 'Chl-a', '叶绿素a'],
};

/** Pollutants of permits and execution reports (t/a amounts). 颗粒物 keeps its Chinese name: "PM" alone is easily
 * read as ambient PM10/PM2.5. */
export const EMISSION_POLLUTANTS: Record<string, string[]> = {
  COD: ['COD', 'CODCr', '化学需氧量', 'w01018'],
  'NH3-N': ['NH3-N', '氨氮', 'w21003'],
  TN: ['TN', '总氮', 'w21001'],
  TP: ['TP', '总磷', 'w21011'],
  SO2: ['SO2', '二氧化硫', 'a21026'],
  NOx: ['NOx', 'NOX', '氮氧化物', 'a21002'],
  颗粒物: ['PM', '烟尘', '粉尘', '烟粉尘', 'a34013'],
  VOCs: ['VOCs', 'VOC', '挥发性有机物'],
};

/** HJ 212-2017 codes of source monitoring (flue gas and wastewater), with the names files also use. */
export const HJ212_CODES: Record<string, string[]> = {
  SO2: ['a21026', 'SO2', '二氧化硫'],
  NOx: ['a21002', 'NOx', '氮氧化物'],
  NO2: ['a21004', 'NO2', '二氧化氮'],
  CO: ['a21005', 'CO', '一氧化碳'],
  颗粒物: ['a34013', '烟尘', '粉尘', 'PM'],
  NMHC: ['a24088', '非甲烷总烃', 'NMHC'],
  O2: ['a19001', '含氧量', '氧含量', 'O2'],
  FlueGasFlow: ['a00000', '烟气流量', '废气流量'],
  FlueGasVelocity: ['a01011', '烟气流速'],
  FlueGasTemp: ['a01012', '烟气温度'],
  FlueGasPressure: ['a01013', '烟气压力', '烟气静压'],
  FlueGasHumidity: ['a01014', '烟气湿度'],
  WastewaterFlow: ['w00000', '废水流量', '污水流量'],
  pH: ['w01001', 'pH', 'pH值'],
  COD: ['w01018', 'COD', 'CODCr', '化学需氧量'],
  'NH3-N': ['w21003', 'NH3-N', '氨氮'],
  TN: ['w21001', 'TN', '总氮'],
  TP: ['w21011', 'TP', '总磷'],
};

/** HJ 212 data flags: only N counts as valid for compliance. */
const HJ212_FLAGS: Record<string, string[]> = {
  N: ['正常'],
  F: ['停运', '停产'],
  M: ['维护', '维护数据'],
  S: ['手工输入', '手工', '人工设定'],
  D: ['故障'],
  C: ['校准', '校验'],
  T: ['超测上限', '超量程'],
  B: ['通讯异常', '断线'],
};

/** GB 3838 classes I…V and 劣V, written as Ⅱ, 2, 二类, II类, Ⅱ类水 … */
function waterClasses(): Record<string, string[]> {
  const roman = ['I', 'II', 'III', 'IV', 'V'];
  const unicode = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ'];
  const chinese = ['一', '二', '三', '四', '五'];
  const forms = (i: number) => [roman[i]!, unicode[i]!, String(i + 1), chinese[i]!];
  const out: Record<string, string[]> = {};
  for (let i = 0; i < 5; i++) out[roman[i]!] = forms(i).flatMap((f) => [f, `${f}类`, `${f}类水`, `${f}类水质`]);
  out['劣V'] = forms(4).flatMap((f) => [`劣${f}`, `劣${f}类`, `劣${f}类水`]);
  return out;
}

/** HJ 1172-2021 ecological-quality classes 一类…五类. */
const EQI_CLASSES: Record<string, string[]> = {
  一类: ['一', '1', 'I', 'Ⅰ', '1类', 'I类', 'Ⅰ类'],
  二类: ['二', '2', 'II', 'Ⅱ', '2类', 'II类', 'Ⅱ类'],
  三类: ['三', '3', 'III', 'Ⅲ', '3类', 'III类', 'Ⅲ类'],
  四类: ['四', '4', 'IV', 'Ⅳ', '4类', 'IV类', 'Ⅳ类'],
  五类: ['五', '5', 'V', 'Ⅴ', '5类', 'V类', 'Ⅴ类'],
};

// ---- Shared columns ----

/** District by code, or by name (resolved to its code on import). */
const districtColumns = [
  col('district_code', '区县代码', 'code', false, ['区县代码', '行政区划代码', '所属区县代码', '区县编码', 'district_code']),
  col('district_name', '区县名称', 'text', false, ['区县', '区县名称', '所属区县', '行政区', '所在区县', 'district'], { virtual: true }),
];
const DISTRICT_ONE_OF = [['district_code', 'district_name']];
/**
 * SQL for a district's code from the parsed column district_name: its name (渝中区, or 渝中 / 忠 without 区/县),
 * or its code where a “区县” column holds codes.
 */
export const DISTRICT_BY_NAME = `(SELECT d.district_code FROM districts d
  WHERE d.name = district_name OR d.name = district_name || '区' OR d.name = district_name || '县' OR d.district_code = district_name)`;

const LON = col('lon', '经度', 'number', false, ['经度', 'lon', 'lng', 'longitude'], { range: { min: 73, max: 136, reason: '经度超出中国范围（73–136）' } });
const LAT = col('lat', '纬度', 'number', false, ['纬度', 'lat', 'latitude'], { range: { min: 3, max: 54, reason: '纬度超出中国范围（3–54）' } });

const UNIT_CODE = col('unit_code', '管控单元编码', 'code', false, ['管控单元编码', '环境管控单元编码', '所在管控单元', '所在管控单元编码', '所属管控单元', 'unit_code']);
const UNIT_CODE_RE = '^ZH\\d{6}[123]\\d{4}$';
const UNIT_CODE_FORM = { re: UNIT_CODE_RE, reason: '管控单元编码格式错误（应为 ZH + 6位区县代码 + 1位类别 + 4位序号，共13位）' };

const unitRef = (column = 'unit_code', reason = '管控单元编码在工作空间中不存在（请先导入管控单元）'): Reference =>
  ({ column, table: 'units', tableColumn: 'unit_code', reason });

/** HJ 608-2017: 18-character USCC + 3-digit sequence + identifier letter. */
const PERMIT_NO_FORM = {
  re: '^[0-9A-Z]{18}\\d{3}[A-Z]$',
  reason: '许可证编号格式错误（HJ 608：18位统一社会信用代码 + 3位序号 + 1位字母，共22位，如 91500000XXXXXXXXXX001P）',
};
const permitNo = (required: boolean) => col('permit_no', '许可证编号', 'code', required,
  ['许可证编号', '排污许可证编号', '排污许可证号', '许可证号', '排污许可编号', '排污登记编号', '登记编号', 'permit_no'], { pattern: PERMIT_NO_FORM });
const permitRef: Reference = {
  column: 'permit_no', table: 'permit_holders', tableColumn: 'permit_no',
  reason: '许可证编号不在工作空间的排污许可名录中（请先导入排污许可单位，或检查编号）',
};

/** GB 32100: 18 characters from the code set without I, O, S, V, Z. */
const USCC_FORM = { re: '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$', reason: '统一社会信用代码格式错误（应为18位，GB 32100）' };

const year = (required = true, synonyms = ['年份', '年度', '年', '统计年度', '考核年度', 'year']) =>
  col('year', '年份', 'year', required, synonyms, { range: { min: 2000, max: 2100, reason: '年份应在 2000–2100 之间' } });
const MONTH = col('month', '月份', 'int', false, ['月份', '月', '监测月份', 'month'], { range: { min: 1, max: 12, reason: '月份应为 1–12' } });
const QUARTER = col('quarter', '季度', 'int', false, ['季度', '监测季度', 'quarter'], { range: { min: 1, max: 4, reason: '季度应为 1–4' } });

/** Entity codes a figure may be about: districts, reporting entities (万盛经开区 …), units, the city. */
const KNOWN_ENTITIES =
  "(SELECT district_code AS code FROM districts UNION ALL SELECT entity_code FROM reporting_entities UNION ALL SELECT unit_code FROM units UNION ALL SELECT 'city')";
const ENTITY = col('entity_code', '主体', 'entity', true, ['主体编码', '评价主体', '考核对象', '区县代码', '区县', '行政区划代码', '主体', 'entity_code', 'entity']);
const entityRef: Reference = {
  column: 'entity_code', table: KNOWN_ENTITIES, tableColumn: 'code',
  reason: '未知的主体编码（应为区县代码、管控单元编码、报送主体编码，或“全市”）',
};

const SECTION_CODE = col('section_code', '断面编码', 'code', true, ['断面编码', '断面代码', '监测断面编码', 'section_code']);
const SOURCE_CODE = col('source_code', '水源地编码', 'code', true, ['水源地编码', '水源编码', '水源地代码', 'source_code']);
const STATION_CODE = col('station_code', '站点编码', 'code', true, ['站点编码', '点位编码', '站点代码', '监测点位编码', '站号', 'station_code']);

const date = (name: string, label: string, required: boolean, synonyms: string[], extra: Partial<ColumnSpec> = {}) =>
  col(name, label, 'date', required, [...synonyms, name], extra);

// ---- The datasets ----

const REFERENCE = {
  units: {
    name: 'units',
    label: '环境管控单元',
    order: 1,
    columns: [
      col('unit_code', '管控单元编码', 'code', true, ['管控单元编码', '环境管控单元编码', '单元编码', 'HJZHGKDYBM', 'unit_code']),
      col('unit_name', '管控单元名称', 'text', true, ['管控单元名称', '环境管控单元名称', '单元名称', 'HJZHGKDYMC', 'unit_name']),
      col('unit_type', '管控单元类别', 'unitType', true, ['管控单元类别', '单元类别', '管控类别', '单元类型', 'ZHGKDYFL', 'unit_type']),
      col('sub_type', '单元细类', 'enum', false, ['单元细类', '重点管控单元类型', '细分类型', 'sub_type'],
        { values: { 产业园区: ['园区', '产业园区类', '工业园区'], 城镇: ['城镇生活', '城镇类', '城镇生活类'], 其他: ['其它'] } }),
      ...districtColumns,
      col('area_km2', '面积', 'number', false, ['面积', '面积km2', '面积平方公里', 'area_km2'], { nonNegative: true }),
      col('plan_version', '成果版本', 'text', true, ['成果版本', '版本', '方案版本', 'plan_version']),
      // The boundary as GeoJSON text (from a GeoJSON file's geometry): used to place stations, sections,
      // permit holders and cases that came with coordinates but no unit code.
      col('geometry', '边界', 'text', false, ['geometry', '几何', '边界', '空间范围']),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'units',
    key: ['unit_code', 'plan_version'],
  },
  reporting_entities: {
    name: 'reporting_entities',
    label: '报送主体',
    order: 2,
    columns: [
      col('entity_code', '报送主体编码', 'code', true, ['报送主体编码', '主体编码', '填报主体编码', '报送单位编码', 'entity_code']),
      col('name', '报送主体名称', 'text', true, ['报送主体名称', '主体名称', '填报主体名称', '报送单位名称', 'name']),
      // Stored as host_district_code (load-steps.ts): the district whose code the entity's units carry.
      col('district_code', '所属区县代码', 'code', false, ['所属区县代码', '托管区县代码', '宿主区县代码', '区县代码', 'host_district_code'], { virtual: true }),
      col('district_name', '所属区县', 'text', false, ['所属区县', '托管区县', '宿主区县', '区县'], { virtual: true }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'reporting_entities',
    key: ['entity_code'],
  },
  unit_crosswalk: {
    name: 'unit_crosswalk',
    label: '管控单元新旧编码对照',
    order: 3,
    columns: [
      col('old_code', '原单元编码', 'code', true, ['原单元编码', '原管控单元编码', '旧编码', '调整前编码', 'old_code'], { pattern: UNIT_CODE_FORM }),
      col('new_code', '新单元编码', 'code', true, ['新单元编码', '新管控单元编码', '新编码', '调整后编码', 'new_code'], { pattern: UNIT_CODE_FORM }),
      col('old_plan_version', '原成果版本', 'text', false, ['原成果版本', '原版本', '调整前版本', 'old_plan_version']),
      col('new_plan_version', '新成果版本', 'text', false, ['新成果版本', '新版本', '调整后版本', 'new_plan_version']),
      col('relation', '对应关系', 'enum', false, ['对应关系', '调整类型', '变化类型', 'relation'], {
        values: { 不变: ['未调整', '无变化', '保留'], 调整: ['范围调整', '边界调整', '变更'], 拆分: ['分拆'], 合并: ['归并'], 新增: [], 撤销: ['取消', '删除'] },
      }),
    ],
    table: 'unit_crosswalk',
    key: ['old_code', 'new_code'],
    // Both plans must be in the workspace: the crosswalk maps codes between them.
    refs: [
      unitRef('old_code', '原单元编码不在工作空间的管控单元中（请先导入原版管控单元）'),
      unitRef('new_code', '新单元编码不在工作空间的管控单元中（请先导入新版管控单元）'),
    ],
  },
  air_stations: {
    name: 'air_stations',
    label: '环境空气监测站点',
    order: 4,
    columns: [
      STATION_CODE,
      col('name', '站点名称', 'text', true, ['站点名称', '点位名称', '监测点位', '站名', 'name']),
      ...districtColumns,
      col('unit_code', '管控单元编码', 'code', false, ['管控单元编码', '环境管控单元编码', '所在管控单元', 'unit_code']),
      LON,
      LAT,
      col('level', '站点级别', 'text', false, ['站点级别', '点位级别', '级别', 'level']),
      col('is_city_site', '是否城市点', 'bool', true, ['是否城市点', '城市点', '是否参与城市评价', 'is_city_site']),
      // GB 3095: grade-1 limits for sites in class-1 zones; not given = class 2
      col('zone_class', '功能区类别', 'enum', false, ['功能区类别', '功能区', '环境空气功能区', '环境空气功能区类别', 'zone_class'], {
        values: { 一类: ['一类区', '一类功能区', '1类', 'I类', '1'], 二类: ['二类区', '二类功能区', '2类', 'II类', '2'] },
      }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'air_stations',
    key: ['station_code'],
    refs: [unitRef()],
  },
  water_sections: {
    name: 'water_sections',
    label: '地表水监测断面',
    order: 5,
    columns: [
      SECTION_CODE,
      col('name', '断面名称', 'text', true, ['断面名称', '监测断面', '断面', 'name']),
      col('river', '所在水体', 'text', false, ['所在水体', '河流', '河流名称', '水体名称', '所在河流', 'river']),
      col('water_body_type', '水体类型', 'enum', false, ['水体类型', '断面类型', '水体类别', 'water_body_type'], {
        values: { 河流: ['河流型', '河', '江', '河道'], 湖库: ['湖库型', '湖泊', '水库', '湖', '库', '湖泊水库'] },
      }),
      ...districtColumns,
      UNIT_CODE,
      LON,
      LAT,
      col('level', '考核级别', 'enum', false, ['考核级别', '断面级别', '断面属性', '级别', 'level'], {
        values: { 国考: ['国控', '国家考核', '国考断面'], 市考: ['市控', '市级考核', '市考断面'], 区县考: ['区县控', '区县级考核', '区县考断面', '区控', '县控'] },
      }),
      col('target_class', '水质目标', 'enum', false, ['水质目标', '目标水质', '水质目标类别', '考核目标', '目标类别', 'target_class'], { values: waterClasses() }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'water_sections',
    key: ['section_code'],
    refs: [unitRef()],
  },
  drinking_sources: {
    name: 'drinking_sources',
    label: '集中式饮用水水源地',
    order: 6,
    columns: [
      SOURCE_CODE,
      col('name', '水源地名称', 'text', true, ['水源地名称', '水源名称', '饮用水水源地', 'name']),
      col('type', '水源类型', 'enum', false, ['水源类型', '水源地类型', '类型', 'type'], {
        values: { 河流: ['河流型', '江河'], 湖库: ['湖库型', '湖泊', '水库'], 地下水: ['地下水型', '地下'] },
      }),
      col('level', '水源地级别', 'enum', false, ['水源地级别', '级别', '水源级别', 'level'], {
        values: { 城市: ['城市级', '县级及以上', '城市集中式', '地级及以上', '县级'], 乡镇: ['乡镇级', '千吨万人', '农村'] },
      }),
      ...districtColumns,
      UNIT_CODE,
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'drinking_sources',
    key: ['source_code'],
    refs: [unitRef()],
  },
  permit_holders: {
    name: 'permit_holders',
    label: '排污许可单位',
    order: 7,
    columns: [
      permitNo(true),
      col('uscc', '统一社会信用代码', 'code', false, ['统一社会信用代码', '社会信用代码', '信用代码', 'uscc'], { pattern: USCC_FORM }),
      col('name', '单位名称', 'text', true, ['单位名称', '排污单位名称', '企业名称', 'name']),
      // Read as text: 0610 and 610 are different industries.
      col('industry_code', '行业类别', 'code', false, ['行业类别代码', '行业代码', '行业类别', 'industry_code']),
      col('management_class', '管理类别', 'enum', false, ['管理类别', '许可管理类别', '排污许可管理类别', 'management_class'], {
        values: { 重点管理: ['重点'], 简化管理: ['简化'], 登记管理: ['登记', '排污登记'] },
      }),
      col('is_key_polluter', '重点排污单位', 'bool', false, ['重点排污单位', '是否重点排污单位', 'is_key_polluter']),
      ...districtColumns,
      UNIT_CODE,
      LON,
      LAT,
      col('park', '所在园区', 'text', false, ['所在园区', '园区', '工业园区', 'park']),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'permit_holders',
    key: ['permit_no'],
    refs: [unitRef()],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

const MONITORING = {
  air_hourly: {
    name: 'air_hourly',
    label: '环境空气小时数据',
    order: 10,
    columns: [
      STATION_CODE,
      col('time', '监测时间', 'time', true, ['监测时间', '时间', '日期时间', '采样时间', '数据时间', 'datetime', 'time']),
      col('pollutant', '污染物', 'pollutant', true, ['污染物', '监测项目', '污染物名称', '因子', 'pollutant']),
      col('value', '浓度', 'number', true, ['浓度', '监测值', '浓度值', '数值', 'value'], { nonNegative: true, emptyCellAllowed: true }),
      col('flag', '数据标记', 'flag', false, ['数据标记', '标记', '标识', '有效性标识', '状态', 'flag']),
    ],
    wide: {
      replaces: ['pollutant', 'value', 'flag'],
      columns: Object.entries(POLLUTANT_SYNONYMS).map(([p, syn]) => col(p, p, 'number', false, syn, { nonNegative: true })),
      name: 'pollutant',
      value: 'value',
    },
    table: 'air_hourly',
    key: ['station_code', 'time', 'pollutant'],
    timeColumn: 'time',
    refs: [{ column: 'station_code', table: 'air_stations', tableColumn: 'station_code', reason: '未知的站点编码（请先导入空气站点名录，或检查编码）' }],
  },
  air_daily: {
    name: 'air_daily',
    label: '环境空气日数据',
    order: 11,
    columns: [
      STATION_CODE,
      date('day', '监测日期', true, ['监测日期', '日期', '采样日期', '数据日期']),
      ...([
        ['so2', 'SO2', ['SO2', '二氧化硫', 'SO2_24h']],
        ['no2', 'NO2', ['NO2', '二氧化氮', 'NO2_24h']],
        ['co', 'CO', ['CO', '一氧化碳', 'CO_24h']],
        ['pm10', 'PM10', ['PM10', '可吸入颗粒物', 'PM10_24h']],
        ['pm25', 'PM2.5', ['PM2.5', 'PM25', '细颗粒物', 'PM2.5_24h']],
        // The daily O3 figure is the maximum 8-hour mean; "O3" alone in a daily table means that too.
        ['o3_8h', 'O3日最大8小时', ['O3_8h', 'O3-8h', 'O3_8H', '臭氧日最大8小时', '臭氧8小时', '臭氧日最大8小时滑动平均', 'O3', '臭氧']],
        ['aqi', 'AQI', ['AQI', '空气质量指数']],
      ] as const).map(([n, l, syn]) => col(n, l, 'number', false, [...syn], { nonNegative: true })),
    ],
    table: 'air_daily',
    key: ['station_code', 'day'],
    timeColumn: 'day',
    refs: [{ column: 'station_code', table: 'air_stations', tableColumn: 'station_code', reason: '未知的站点编码（请先导入空气站点名录，或检查编码）' }],
  },
  water_samples: {
    name: 'water_samples',
    label: '地表水监测数据',
    order: 12,
    columns: [
      SECTION_CODE,
      date('sample_date', '采样日期', true, ['采样日期', '监测日期', '采样时间', '日期']),
      { ...year(false), virtual: true },
      { ...MONTH, virtual: true },
      col('item', '监测项目', 'enum', true, ['监测项目', '项目', '监测指标', '指标', '分析项目', 'item'], { values: WATER_ITEMS }),
      col('value', '监测值', 'measured', true, ['监测值', '浓度', '结果', '测定值', '监测结果', 'value'], { nonNegative: true, emptyCellAllowed: true }),
    ],
    wide: {
      replaces: ['item', 'value'],
      columns: Object.entries(WATER_ITEMS).map(([item, syn]) => col(item, item, 'measured', false, syn)),
      name: 'item',
      value: 'value',
      dropEmpty: true,
    },
    derive: { sample_date: { from: ['year', 'month'], sql: 'CASE WHEN month BETWEEN 1 AND 12 AND year BETWEEN 1 AND 9999 THEN make_date(year::INTEGER, month::INTEGER, 1) END' } },
    table: 'water_samples',
    key: ['section_code', 'sample_date', 'item'],
    timeColumn: 'sample_date',
    refs: [{ column: 'section_code', table: 'water_sections', tableColumn: 'section_code', reason: '未知的断面编码（请先导入地表水监测断面，或检查编码）' }],
  },
  drinking_samples: {
    name: 'drinking_samples',
    label: '饮用水水源地水质',
    order: 13,
    columns: [
      SOURCE_CODE,
      year(),
      MONTH,
      col('compliant', '是否达标', 'bool', true, ['是否达标', '达标情况', '水质达标', '达标', 'compliant'], { emptyCellAllowed: true }),
    ],
    table: 'drinking_samples',
    key: ['source_code', 'year', 'month'],
    refs: [{ column: 'source_code', table: 'drinking_sources', tableColumn: 'source_code', reason: '未知的水源地编码（请先导入饮用水水源地名录，或检查编码）' }],
  },
  noise: {
    name: 'noise',
    label: '声环境监测',
    order: 14,
    columns: [
      col('point_code', '点位编码', 'code', true, ['点位编码', '测点编码', '监测点位编码', '点位代码', 'point_code', 'point']),
      ...districtColumns,
      col('zone_class', '功能区类别', 'enum', false, ['功能区类别', '声环境功能区类别', '功能区', 'zone_class'], {
        values: { 0: ['0类'], 1: ['1类'], 2: ['2类'], 3: ['3类'], '4a': ['4a类', '4A类'], '4b': ['4b类', '4B类'] },
      }),
      year(),
      QUARTER,
      col('leq_day', '昼间等效声级', 'number', false, ['昼间等效声级', '昼间Leq', '昼间', 'Ld', 'leq_day'], { range: { min: 20, max: 130, reason: '等效声级应在 20–130 dB(A) 之间' } }),
      col('leq_night', '夜间等效声级', 'number', false, ['夜间等效声级', '夜间Leq', '夜间', 'Ln', 'leq_night'], { range: { min: 20, max: 130, reason: '等效声级应在 20–130 dB(A) 之间' } }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'noise',
    key: ['point_code', 'year', 'quarter'],
  },
  eqi: {
    name: 'eqi',
    label: '生态质量指数',
    order: 15,
    columns: [
      ENTITY,
      year(),
      col('eqi', '生态质量指数', 'number', true, ['生态质量指数', 'EQI', '生态环境状况指数', 'EI'], { range: { min: 0, max: 100, reason: '生态质量指数应在 0–100 之间' } }),
      col('eqi_class', '生态质量类别', 'enum', false, ['生态质量类别', '类别', '等级', '评价等级', '生态质量等级', 'eqi_class', 'class'], { values: EQI_CLASSES }),
    ],
    table: 'eqi',
    key: ['entity_code', 'year'],
    refs: [entityRef],
  },
  ecology_units: {
    name: 'ecology_units',
    label: '生态保护红线监管',
    order: 16,
    columns: [
      { ...UNIT_CODE, required: true },
      year(),
      col('red_line_area_km2', '生态保护红线面积', 'number', false, ['生态保护红线面积', '红线面积', 'red_line_area_km2'], { nonNegative: true }),
      col('human_activity_patches', '新增人类活动点位数', 'int', false, ['新增人类活动点位数', '人类活动点位数', '新增人类活动图斑数', '人类活动图斑', 'human_activity_patches'], { nonNegative: true }),
      col('human_activity_area_km2', '人类活动面积', 'number', false, ['新增人类活动面积', '人类活动面积', 'human_activity_area_km2'], { nonNegative: true }),
      col('problems_found', '发现问题数', 'int', false, ['发现问题数', '问题数', '核实问题数', 'problems_found'], { nonNegative: true }),
      col('problems_rectified', '已整改问题数', 'int', false, ['已整改问题数', '整改问题数', '完成整改数', 'problems_rectified'], { nonNegative: true, notAbove: 'problems_found' }),
    ],
    table: 'ecology_units',
    key: ['unit_code', 'year'],
    refs: [unitRef()],
  },
  soil_stats: {
    name: 'soil_stats',
    label: '土壤安全利用',
    order: 17,
    columns: [
      ...districtColumns,
      year(),
      col('contaminated_farmland_total_ha', '受污染耕地面积', 'number', false, ['受污染耕地面积', '受污染耕地总面积', '受污染耕地', 'contaminated_farmland_total_ha'], { nonNegative: true }),
      col('safe_use_ha', '安全利用面积', 'number', false, ['安全利用面积', '受污染耕地安全利用面积', '安全利用', 'safe_use_ha'], { nonNegative: true, notAbove: 'contaminated_farmland_total_ha' }),
      col('key_construction_plots', '重点建设用地地块数', 'int', false, ['重点建设用地地块数', '重点建设用地', '地块数', 'key_construction_plots'], { nonNegative: true }),
      col('key_construction_plots_compliant', '安全利用地块数', 'int', false, ['安全利用地块数', '达标地块数', '重点建设用地安全利用地块数', 'key_construction_plots_compliant'], { nonNegative: true, notAbove: 'key_construction_plots' }),
    ],
    oneOf: DISTRICT_ONE_OF,
    // The key holds the district: a file that names districts gets their codes as soon as it is read.
    derive: { district_code: { from: ['district_name'], sql: DISTRICT_BY_NAME } },
    table: 'soil_stats',
    key: ['district_code', 'year'],
  },
  statistics: {
    name: 'statistics',
    label: '部门统计数据',
    order: 18,
    columns: [
      ENTITY,
      year(),
      col('metric', '统计指标', 'enum', true, ['统计指标', '指标名称', '指标', 'metric'], {
        open: true,
        values: {
          GDP: ['地区生产总值', '生产总值'],
          energy_use_tce: ['能源消费总量', '综合能源消费量', '能耗总量'],
          water_use_m3: ['用水总量', '总用水量'],
          forest_cover_pct: ['森林覆盖率'],
          population: ['常住人口', '人口'],
        },
      }),
      col('value', '数值', 'number', true, ['数值', '统计值', '值', 'value'], { emptyCellAllowed: true }),
      col('unit', '计量单位', 'text', false, ['计量单位', '单位', 'unit']),
      col('source', '数据来源', 'text', false, ['数据来源', '来源', '提供部门', 'source']),
    ],
    table: 'statistics',
    key: ['entity_code', 'year', 'metric'],
    refs: [entityRef],
  },
  targets: {
    name: 'targets',
    label: '目标责任书目标值',
    order: 19,
    columns: [
      ENTITY,
      year(),
      // Free text: the catalogue decides later which ids it knows.
      col('indicator_id', '指标编号', 'code', true, ['指标编号', '指标代码', '指标ID', 'indicator_id']),
      col('target_value', '目标值', 'number', true, ['目标值', '考核目标值', '目标', 'target_value']),
    ],
    table: 'targets',
    key: ['entity_code', 'year', 'indicator_id'],
    refs: [entityRef],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

const EMISSIONS = {
  emissions_annual: {
    name: 'emissions_annual',
    label: '排污单位年度排放量',
    order: 20,
    columns: [
      permitNo(true),
      year(),
      col('pollutant', '污染物', 'enum', true, ['污染物', '污染物种类', '污染物名称', 'pollutant'], { values: EMISSION_POLLUTANTS }),
      col('actual_t', '实际排放量', 'number', false, ['实际排放量', '年实际排放量', 'actual_t'], { nonNegative: true }),
      col('permitted_t', '许可排放量', 'number', false, ['许可排放量', '年许可排放量', 'permitted_t'], { nonNegative: true }),
      date('report_submitted_on', '执行报告提交日期', false, ['执行报告提交日期', '提交日期', '报告提交日期']),
      date('report_due_on', '执行报告截止日期', false, ['执行报告截止日期', '截止日期', '应提交日期'], { futureAllowed: true }),
    ],
    table: 'emissions_annual',
    key: ['permit_no', 'year', 'pollutant'],
    refs: [permitRef],
  },
  online_hourly: {
    name: 'online_hourly',
    label: '污染源在线监测小时数据',
    order: 21,
    columns: [
      permitNo(true),
      col('outlet_code', '排放口编号', 'code', true, ['排放口编号', '排口编号', '排放口编码', '监测点编号', 'outlet_code'],
        { pattern: { re: '^D[AW]\\d{3}$', reason: '排放口编号格式错误（HJ 608：DA + 3位序号为废气排放口，DW + 3位序号为废水排放口，如 DA001）' } }),
      col('time', '监测时间', 'time', true, ['监测时间', '数据时间', 'DataTime', '时间', 'time']),
      col('pollutant', '污染物', 'enum', true, ['污染物代码', '监测因子', '因子编码', '污染物', '监测项目', 'pollutant'], { values: HJ212_CODES }),
      // ZsAvg (O2-corrected) is the value compliance is judged on; Avg (measured) stands in where there is none.
      col('value', '折算浓度', 'number', true,
        ['折算浓度', 'ZsAvg', '折算均值', '小时折算浓度', '折算值', '排放浓度', '浓度', '监测值', '实测浓度', 'Avg', '均值', 'value'], { emptyCellAllowed: true }),
      col('raw_value', '实测浓度', 'number', false, ['实测浓度', 'Avg', '实测均值', '实测值'], { virtual: true }),
      col('limit_value', '排放限值', 'number', false, ['排放限值', '标准限值', '限值', '执行标准限值', 'limit'], { nonNegative: true }),
      col('flag', '数据标记', 'enum', false, ['数据标记', '数据标识', '标记', 'Flag', 'flag'], { values: HJ212_FLAGS }),
    ],
    table: 'online_hourly',
    key: ['permit_no', 'outlet_code', 'time', 'pollutant'],
    timeColumn: 'time',
    refs: [permitRef],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

const ENFORCEMENT = {
  inspections: {
    name: 'inspections',
    label: '执法检查',
    order: 30,
    columns: [
      col('inspection_id', '检查编号', 'code', true, ['检查编号', '检查记录编号', '执法检查编号', 'inspection_id']),
      date('date', '检查日期', true, ['检查日期', '检查时间', '日期']),
      col('type', '检查类型', 'enum', false, ['检查类型', '检查方式', '任务来源', 'type'], {
        values: {
          双随机: ['双随机一公开', '双随机检查', '随机抽查'],
          专项: ['专项检查', '专项执法', '专项行动'],
          信访投诉: ['信访', '投诉', '举报', '信访举报', '群众投诉'],
          自动监控预警: ['在线监控预警', '自动监控', '在线预警', '超标预警'],
          督察交办: ['督察', '督查交办', '督察转办', '交办'],
          非现场: ['非现场检查', '非现场监管', '远程检查'],
        },
      }),
      permitNo(false),
      col('name', '单位名称', 'text', false, ['单位名称', '检查对象', '企业名称', '被检查单位', 'name']),
      col('uscc', '统一社会信用代码', 'code', false, ['统一社会信用代码', '社会信用代码', 'uscc'], { pattern: USCC_FORM }),
      ...districtColumns,
      UNIT_CODE,
      LON,
      LAT,
      col('result', '检查结果', 'enum', false, ['检查结果', '处理结果', '是否发现问题', 'result'], {
        values: { 未发现问题: ['无问题', '正常', '合格', '未发现', '否'], 发现问题: ['有问题', '存在问题', '不合格', '发现', '是'] },
      }),
      col('problem_type', '问题类型', 'text', false, ['问题类型', '发现问题', '问题描述', 'problem_type']),
    ],
    oneOf: [...DISTRICT_ONE_OF, ['permit_no', 'name']],
    table: 'inspections',
    key: ['inspection_id'],
    refs: [unitRef(), permitRef],
  },
  cases: {
    name: 'cases',
    label: '行政处罚案件',
    order: 31,
    columns: [
      col('case_no', '立案号', 'code', true, ['立案号', '案件编号', '案号', '立案编号', 'case_no']),
      date('filed_on', '立案日期', true, ['立案日期', '立案时间']),
      permitNo(false),
      ...districtColumns,
      UNIT_CODE,
      LON,
      LAT,
      col('violation_type', '违法类型', 'enum', false, ['违法类型', '案由', '违法行为类型', 'violation_type'], {
        open: true,
        values: {
          超标排放: ['超标', '超标排放污染物', '超过排放标准'],
          未批先建: ['未批先建设', '未依法报批环评'],
          未验先投: ['未验收先投产'],
          无证排污: ['无证排污', '未取得排污许可证排污', '不按证排污'],
          不正常运行防治设施: ['不正常运行污染防治设施', '不正常运行'],
          逃避监管: ['暗管排放', '逃避监管排放'],
          自动监控弄虚作假: ['自动监测数据弄虚作假', '在线监测弄虚作假', '篡改伪造监测数据'],
          危废违规: ['危险废物违规', '危废', '非法处置危险废物'],
          执行报告不报不实: ['执行报告不报', '执行报告不实', '未按规定提交执行报告'],
        },
      }),
      col('five_category', '五类案件', 'enum', false, ['五类案件', '配套办法案件类型', '五类案件类型', 'five_category'], {
        values: {
          按日连续处罚: ['按日计罚', '按日连续'],
          查封扣押: ['查封、扣押', '查封', '扣押'],
          限产停产: ['限产、停产', '限制生产', '停产整治', '限产'],
          移送行政拘留: ['行政拘留', '移送拘留'],
          移送涉嫌犯罪: ['涉嫌犯罪', '移送涉嫌环境污染犯罪', '涉嫌环境污染犯罪'],
        },
      }),
      col('penalty_cny', '罚没金额', 'money', false,
        ['罚没金额', '罚款金额', '罚没款', '罚款', '罚没金额万元', '罚款金额万元', '罚款万元', '罚没款万元', 'penalty_cny'], { nonNegative: true }),
      date('decided_on', '处罚决定日期', false, ['处罚决定日期', '决定日期', '下达日期'], { notBefore: 'filed_on' }),
      date('closed_on', '结案日期', false, ['结案日期', '结案时间'], { notBefore: 'filed_on' }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'cases',
    key: ['case_no'],
    refs: [unitRef(), permitRef],
  },
  problems: {
    name: 'problems',
    label: '问题整改',
    order: 32,
    columns: [
      col('problem_id', '问题编号', 'code', true, ['问题编号', '问题序号', '编号', 'problem_id']),
      col('source', '问题来源', 'enum', false, ['问题来源', '来源', '交办来源', 'source'], {
        values: {
          中央督察: ['中央生态环境保护督察', '中央环保督察', '中央督察反馈'],
          市级督察: ['市级生态环境保护督察', '市级环保督察', '市级督察反馈'],
          绿盾: ['绿盾行动', '绿盾专项'],
          信访: ['信访投诉', '群众信访', '投诉举报'],
          执法: ['执法检查', '日常执法'],
          自查: ['自查自纠', '自行排查'],
        },
      }),
      ...districtColumns,
      UNIT_CODE,
      date('found_on', '发现日期', true, ['发现日期', '交办日期', '问题发现日期']),
      date('due_on', '整改期限', false, ['整改期限', '整改时限', '计划完成日期'], { futureAllowed: true, notBefore: 'found_on' }),
      date('rectified_on', '完成日期', false, ['完成日期', '整改完成日期', '销号日期'], { notBefore: 'found_on' }),
      col('status', '整改状态', 'enum', false, ['整改状态', '状态', '整改情况', 'status'], {
        open: true,
        values: { 已完成: ['完成', '已整改', '已销号', '整改完成'], 整改中: ['推进中', '正在整改', '未完成'], 逾期: ['逾期未完成', '超期'] },
      }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'problems',
    key: ['problem_id'],
    refs: [unitRef()],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

const ZONING_WORK = {
  eia_approvals: {
    name: 'eia_approvals',
    label: '环评审批',
    order: 40,
    columns: [
      col('approval_no', '批复文号', 'code', true, ['批复文号', '审批文号', '批文号', 'approval_no']),
      col('project_name', '项目名称', 'text', true, ['项目名称', '建设项目名称', 'project_name']),
      date('approved_on', '批复日期', true, ['批复日期', '审批日期', '审批时间']),
      ...districtColumns,
      UNIT_CODE,
      col('category', '环评类别', 'enum', false, ['环评类别', '环评文件类型', '类别', 'category'], {
        values: { 报告书: ['环境影响报告书', '环评报告书', '书'], 报告表: ['环境影响报告表', '环评报告表', '表'] },
      }),
      col('zoning_analysis', '是否开展分区管控符合性分析', 'bool', false,
        ['是否开展分区管控符合性分析', '分区管控符合性分析', '是否开展符合性分析', '符合性分析', 'zoning_analysis']),
      col('conforms', '符合性结论', 'enum', false, ['符合性结论', '是否符合分区管控要求', '分区管控符合性', '结论', 'conforms'], {
        values: { 符合: ['符合要求', '相符'], 不符合: ['不符合要求', '不相符'], 有条件符合: ['基本符合', '有条件相符'] },
      }),
      // optional: where given, the approval can be screened against the access lists (批量准入研判)
      LON, LAT,
      col('industries', '行业代码', 'text', false, ['行业代码', '行业类别代码', '国民经济行业代码', 'industries']),
      col('project_kind', '建设性质', 'enum', false, ['建设性质', '项目建设性质', 'project_kind'], { values: { 新建: [], 改建: [], 扩建: ['改扩建'] } }),
    ],
    oneOf: DISTRICT_ONE_OF,
    table: 'eia_approvals',
    key: ['approval_no'],
    refs: [unitRef()],
  },
  plan_filings: {
    name: 'plan_filings',
    label: '分区管控方案发布与备案',
    order: 41,
    columns: [
      col('level', '层级', 'enum', true, ['层级', '方案层级', '级别', 'level'], { values: { 市级: ['市', '全市', '市本级'], 区县: ['区县级', '区级', '县级', '区', '县'] } }),
      ENTITY,
      col('version', '版本', 'text', true, ['版本', '成果版本', '方案版本', 'version']),
      col('kind', '类型', 'enum', true, ['类型', '更新类型', '发布类型', 'kind'], {
        values: { 发布: ['首次发布', '印发'], 定期调整: ['定期更新', '五年调整', '调整'], 动态更新: ['动态调整', '动态'], 限期整改: ['责令限期整改', '整改通知'] },
      }),
      date('published_on', '发布日期', false, ['发布日期', '印发日期', '下达日期']),
      date('filed_on', '备案日期', false, ['备案日期', '报备日期'], { notBefore: 'published_on' }),
      col('reason', '调整原因', 'text', false, ['调整原因', '更新原因', '原因', '说明', '整改事项', 'reason']),
      // 限期整改 (an order to correct a filing violation): its deadline and the day it was done
      date('due_on', '整改期限', false, ['整改期限', '限期', '整改时限'], { futureAllowed: true, notBefore: 'published_on' }),
      date('done_on', '整改完成日期', false, ['整改完成日期', '完成整改日期'], { notBefore: 'published_on' }),
    ],
    table: 'plan_filings',
    key: ['entity_code', 'version'],
    refs: [entityRef],
  },
  work_items: {
    name: 'work_items',
    label: '分区管控工作事项',
    order: 42,
    columns: [
      ENTITY,
      year(),
      col('item', '工作事项', 'text', true, ['工作事项', '事项', '工作内容', 'item']),
      col('count', '数量', 'number', false, ['数量', '个数', '次数', 'count'], { nonNegative: true }),
      col('titles', '名称清单', 'text', false, ['名称清单', '文件名称', '清单', 'titles']),
      col('evidence', '佐证说明', 'text', false, ['佐证说明', '佐证材料说明', '情况说明', 'evidence']),
      col('attachments', '佐证材料', 'text', false, ['佐证材料', '附件', '附件名称', 'attachments']),
    ],
    table: 'work_items',
    key: ['entity_code', 'year', 'item'],
    refs: [entityRef],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

/** The four dimensions every access list is written along (重庆市2023年调整方案). */
export const ACCESS_DIMENSIONS = ['空间布局约束', '污染物排放管控', '环境风险防控', '资源开发效率要求'] as const;
/** Kinds of checkable condition a requirement may carry (indicators/access/ judges them). */
export const ACCESS_CONDITIONS = ['禁止行业', '限制行业', '距离', '重叠', '削减替代', '数值限值'] as const;
/** Project fields a numeric limit may compare (the screening's project form has each). */
export const ACCESS_PROJECT_FIELDS = ['年综合能耗', '单位产品能耗', '年用水量', '产能', '年燃煤量'] as const;

const ACCESS = {
  // Access lists (生态环境准入清单): one row per requirement; the forms bureaus keep an XLSX per level (unit cells
  // merged over a unit's rows) or one long CSV. Spec: shared/domain/access.md.
  access_requirements: {
    name: 'access_requirements',
    label: '生态环境准入清单',
    order: 43,
    columns: [
      col('req_id', '条目编号', 'code', true, ['条目编号', '要求编号', '清单编号', '序号编码', 'req_id']),
      // Not given in a file of one level: read from the scope (unit code → 单元, district → 区县, none → 市级).
      col('level', '层级', 'enum', false, ['层级', '清单层级', '管控层级', 'level'],
        { values: { 市级: ['市', '全市', '市本级', '市级总体管控要求'], 区县: ['区县级', '区（县）', '区(县)', '区县总体管控要求', '区级', '县级'], 单元: ['管控单元', '单元级', '环境管控单元'] } }),
      col('scope_code', '适用范围', 'entity', false,
        ['适用范围', '适用范围编码', '管控单元编码', '环境管控单元编码', '单元编码', '区县代码', '区县', '行政区', 'scope_code']),
      col('unit_type', '适用单元类别', 'unitType', false, ['适用单元类别', '管控单元类别', '单元类别', '适用类别', 'unit_type']),
      col('dimension', '管控维度', 'enum', true, ['管控维度', '维度', '管控要求类别', '要求类别', 'dimension'], {
        values: {
          空间布局约束: ['空间布局', '布局约束', '空间布局要求'],
          污染物排放管控: ['污染物排放', '排放管控', '污染物排放管控要求'],
          环境风险防控: ['环境风险', '风险防控', '环境风险防控要求'],
          资源开发效率要求: ['资源利用效率', '资源开发效率', '资源利用效率要求', '资源利用'],
        },
      }),
      col('text', '管控要求', 'text', true, ['管控要求', '准入要求', '要求内容', '管控要求内容', 'text']),
      col('condition_type', '判定条件', 'enum', false, ['判定条件', '可判定条件', '条件类型', 'condition_type'], {
        values: {
          禁止行业: ['禁止类行业', '禁止', '禁止准入'],
          限制行业: ['限制类行业', '限制', '限制准入', '园区外禁止'],
          距离: ['距离限制', '岸线距离', '缓冲距离', '距离范围内禁止'],
          重叠: ['占用', '不得占用', '空间重叠', '位于'],
          削减替代: ['倍量替代', '等量替代', '总量替代', '削减替代'],
          数值限值: ['限值', '指标限值', '数值'],
        },
      }),
      col('industries', '行业代码', 'text', false, ['行业代码', '行业类别代码', '涉及行业', '行业', 'industries']),
      col('project_types', '项目类型', 'text', false, ['项目类型', '建设性质', '适用项目类型', 'project_types']),
      col('feature', '空间要素', 'text', false, ['空间要素', '要素', '要素图层', '图层', 'feature']),
      col('distance_km', '距离', 'number', false, ['距离', '距离km', '距离（km）', '缓冲距离', 'distance_km'], { nonNegative: true }),
      col('pollutant', '污染物', 'enum', false, ['污染物', '替代污染物', 'pollutant'], { values: EMISSION_POLLUTANTS }),
      col('ratio', '替代比例', 'number', false, ['替代比例', '削减替代比例', '倍量', 'ratio'], { range: { min: 1, max: 10, reason: '替代比例应在 1–10 之间（1 为等量替代，2 为 2 倍削减替代）' } }),
      col('not_attained', '未达标因子', 'pollutant', false, ['未达标因子', '仅在未达标时适用', '未达标区适用', 'not_attained']),
      col('field', '项目指标', 'enum', false, ['项目指标', '限值指标', '比较指标', 'field'],
        { values: { 年综合能耗: ['综合能耗', '能耗'], 单位产品能耗: ['单位产品综合能耗', '能效'], 年用水量: ['用水量', '取水量'], 产能: ['规模', '生产规模'], 年燃煤量: ['燃煤量', '煤炭消费量'] } }),
      col('operator', '比较', 'enum', false, ['比较', '比较方式', '运算符', 'operator'],
        { values: { '<=': ['≤', '不高于', '不大于', '小于等于'], '<': ['小于', '低于'], '>=': ['≥', '不低于', '不小于', '大于等于'], '>': ['大于', '高于'], '=': ['等于'] } }),
      col('limit_value', '限值', 'number', false, ['限值', '标杆值', '限定值', 'limit_value']),
      col('basis', '依据', 'text', false, ['依据', '政策依据', '法规依据', 'basis']),
      col('plan_version', '成果版本', 'text', true, ['成果版本', '版本', '方案版本', 'plan_version']),
    ],
    table: 'access_requirements',
    key: ['req_id', 'plan_version'],
  },
  // Features the conditions name (GeoJSON): red line, river shorelines, source protection zones, parks.
  access_features: {
    name: 'access_features',
    label: '空间管控要素',
    order: 44,
    columns: [
      col('feature_id', '要素编号', 'code', true, ['要素编号', '要素编码', '图斑编号', 'feature_id']),
      col('name', '要素名称', 'text', true, ['要素名称', '名称', 'name']),
      col('layer', '图层', 'enum', true, ['图层', '要素类型', '图层名称', 'layer'], {
        open: true,
        values: {
          生态保护红线: ['红线', '生态红线'],
          河流岸线: ['岸线', '长江岸线', '河流', '水系'],
          饮用水水源保护区: ['水源保护区', '饮用水源保护区'],
          产业园区: ['园区', '工业园区', '化工园区'],
        },
      }),
      col('geometry', '几何', 'text', true, ['geometry', '几何', '边界', '空间范围']),
    ],
    table: 'access_features',
    key: ['feature_id'],
  },
} satisfies Partial<Record<DatasetName, DatasetSpec>>;

export const DATASETS: Record<DatasetName, DatasetSpec> = { ...REFERENCE, ...MONITORING, ...EMISSIONS, ...ENFORCEMENT, ...ZONING_WORK, ...ACCESS };

export function datasetByName(name: string): DatasetSpec | undefined {
  return (DATASETS as Record<string, DatasetSpec>)[name];
}
