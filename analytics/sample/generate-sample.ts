// `zonetrack sample`: a synthetic but realistic Chongqing data set — every canonical dataset — in the forms real
// files come in (UTF-8, UTF-8 with BOM, GB18030, XLSX with a title row, wide tables, HJ 212 codes, 万元 columns,
// "ND"/"0.01L" values, Chinese dates). Every file says in its name that it is synthetic (示例数据). Same seed →
// same data. It imports cleanly; its deliberate faults are things the quality summary finds (示例数据_说明.md).
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '../sql.js';
import { workspaceMemoryLimit } from '../workspace-memory.js';
import type { DatasetName } from '../import/datasets.js';
import {
  ADJUSTED_PLAN_YEAR, sampleDistricts, samplePlan2020, sampleStations, sampleUnits, unitCodeOfYear, type PlaceIn, type SampleScale, type SampleStation, type SampleUnit,
} from './sample-reference.js';
import { sampleTerritory, type Territory } from './sample-geometry.js';
import { CHONGQING_DISTRICTS } from '../reference/chongqing-districts.js';
import { dailyAirSql, hourlyAirSql } from './air-hourly-sql.js';
import { onlineHourlySql } from './online-hourly-sql.js';
import { writeCsvFile, writeTitledXlsx, type Cell, type CsvEncoding } from './sample-files.js';
import {
  WATER_WIDE_HEADER, drinkingRows, sampleDrinkingSources, sampleSections, sampleWaterRows, waterLongRows, waterWideRows,
} from './sample-water.js';
import { emissionRows, sampleOutlets, samplePermitHolders } from './sample-permits.js';
import { caseRows, inspectionRows, plantedCaseRows, plantedKeyHolder, plantedProblemRows, problemRows, sampleInspections } from './sample-enforcement.js';
import type { SampleProject } from './sample-access.js';
import { REPORTING_ENTITIES, eiaRows, planFilingRows, targetRows, workItemRows } from './sample-zoning-work.js';
import { ecologyUnitRows, eqiRows, noiseRows, soilRows, statisticsRows, unitEqiRows } from './sample-ecology.js';
import { sampleAccess, unitShapes } from './sample-access.js';

export interface SampleOptions {
  outDir: string;
  years: number[];
  scale: SampleScale;
  seed: number;
  /** Only these districts (tests use a few to stay fast). */
  districts?: string[];
  /** The district whose hourly data goes into the wide XLSX instead of the CSV (and whose stations report daily data). */
  xlsxDistrict?: string;
  /** Only these datasets (default: all). The caller includes the reference data they refer to. */
  datasets?: DatasetName[];
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export interface SampleFile {
  path: string;
  dataset: DatasetName;
  form: string;
}

const SYNTHETIC = '示例数据（合成，非真实数据）';

/** The main rivers' centre lines (GeoJSON LineStrings, written with the units): no dataset reads them yet, so
 *  they are not in the list of files to import. */
/** Two sample projects (准入研判) as approvals of their year with location and industry, for the bulk screening:
 *  the one conforming recorded 符合 (agrees), the red-line road recorded 符合 too — the screening finds it 不符合, the
 *  disagreement the bulk screening lists. */
function sampleProjectApprovals(projects: SampleProject[]): (string | number | null)[][] {
  const chosen = projects.length ? [projects[0]!, projects.at(-1)!] : [];
  return chosen.map((p, k) => {
    const q = p.project as { name: string; date: string; lon: number; lat: number; industries: string[]; kind: string };
    return [`渝环准〔${q.date.slice(0, 4)}〕示例${k + 1}号`, q.name, q.date, p.district, null, '报告表', '是', '符合', q.lon, q.lat, q.industries.join(';'), q.kind];
  });
}

export const RIVERS_FILE = '示例数据_主要河流_河道中心线.geojson';

/** Everything the files are made from, drawn once from the seed. */
function sampleWorld(o: SampleOptions) {
  const districts = sampleDistricts(o.districts);
  const units = sampleUnits(o.seed, districts);
  const plan2020 = samplePlan2020(units);
  const inYear = unitCodeOfYear(plan2020);
  const merged = new Map<string, string[]>();
  for (const x of plan2020.crosswalk) merged.set(x.newCode, [...(merged.get(x.newCode) ?? []), x.oldCode]);
  const territory = sampleTerritory(o.seed, CHONGQING_DISTRICTS, units, merged);
  // a registered place lies in the 2020 part its register names before 2023 (inside the 2023 unit too)
  const placeIn: PlaceIn = (code, place, a, b) => territory.pointIn(inYear(code, ADJUSTED_PLAN_YEAR - 1, place), a, b);
  const stations = sampleStations(o.seed, o.scale, districts, units, placeIn);
  const sections = sampleSections(o.seed, o.scale, districts, units, placeIn);
  const holders = samplePermitHolders(o.seed, o.scale, districts, units, placeIn);
  const xlsxDistrict = o.xlsxDistrict ?? (districts.some((d) => d.code === '500103') ? '500103' : districts[0]!.code);
  const shapes = unitShapes(territory, [...units, ...plan2020.units]);
  return {
    districts, units, stations, sections, holders, xlsxDistrict, plan2020, territory,
    /** Access lists, features and projects (sample-access.ts), placed on the units' shapes. */
    access: sampleAccess(districts, units, shapes, Math.max(...o.years)),
    /** Records (inspections, cases, problems, approvals) name the unit in force in their year. */
    inYear,
    /** Registers (holders, stations, sections, drinking sources: one row per place) were drawn up in the first year
     *  and name the unit in force then, by the same place key as the records about them (a holder: its permit). */
    inRegister: (code: string, place: string) => inYear(code, Math.min(...o.years), place),
    sources: sampleDrinkingSources(districts, sections, units),
    waterRows: sampleWaterRows(o.seed, sections, o.years),
    outlets: sampleOutlets(o.scale, holders),
    inspections: sampleInspections(o.seed, holders, o.years),
  };
}
type World = ReturnType<typeof sampleWorld>;

interface Step {
  dataset: DatasetName;
  label: string;
  write: (w: World, ctx: StepContext) => Promise<void>;
}
interface StepContext {
  o: SampleOptions;
  con: DuckDBConnection;
  csv: (name: string, dataset: DatasetName, encoding: CsvEncoding, form: string, rows: Cell[][]) => Promise<void>;
  xlsx: (name: string, dataset: DatasetName, sheet: string, title: string, rows: (Cell | Date)[][]) => Promise<void>;
  file: (path: string, dataset: DatasetName, form: string) => void;
  json: (name: string, dataset: DatasetName, form: string, doc: unknown) => Promise<void>;
}

/** The units with their boundaries, as the zoning results deliver them: GeoJSON, lon/lat, one feature a unit. */
const unitFeatures = (units: SampleUnit[], version: string, territory: Territory) => ({
  type: 'FeatureCollection',
  name: `${SYNTHETIC}：环境管控单元（${version}版）`,
  features: units.map((u) => ({
    type: 'Feature',
    properties: {
      环境管控单元编码: u.code, 环境管控单元名称: u.name, 管控单元类别: ['', '优先保护', '重点管控', '一般管控'][u.type]!,
      区县代码: u.districtCode, '面积（km²）': u.areaKm2.toFixed(2), 成果版本: version,
    },
    geometry: territory.unit(u.code),
  })),
});

const STEPS: Step[] = [
  { dataset: 'units', label: '管控单元（2023版）', write: (w, c) => c.json('示例数据_环境管控单元_2023版.geojson', 'units', 'GeoJSON，带边界', unitFeatures(w.units, '2023', w.territory)) },
  { dataset: 'units', label: '管控单元（2020版）', write: (w, c) => c.json('示例数据_环境管控单元_2020版.geojson', 'units', 'GeoJSON，带边界', unitFeatures(w.plan2020.units, '2020', w.territory)) },
  {
    dataset: 'unit_crosswalk', label: '管控单元新旧编码对照',
    write: (w, c) => c.csv('示例数据_管控单元新旧编码对照.csv', 'unit_crosswalk', 'utf-8', 'CSV UTF-8', [
      ['原单元编码', '新单元编码', '原成果版本', '新成果版本', '对应关系'],
      ...w.plan2020.crosswalk.map((x) => [x.oldCode, x.newCode, '2020', '2023', x.relation]),
    ]),
  },
  {
    dataset: 'reporting_entities', label: '报送主体',
    write: (_w, c) => c.csv('示例数据_报送主体.csv', 'reporting_entities', 'utf-8', 'CSV UTF-8，区县为名称', [['报送主体编码', '报送主体名称', '所属区县'], ...REPORTING_ENTITIES]),
  },
  {
    dataset: 'air_stations', label: '空气站点（GB18030）',
    write: (w, c) => c.csv('示例数据_环境空气监测站点_GBK.csv', 'air_stations', 'gb18030', 'CSV GB18030', [
      ['站点编码', '站点名称', '所属区县', '所在管控单元', '经度', '纬度', '站点级别', '是否城市点'],
      ...w.stations.map((s) => [s.code, s.name, s.districtName, w.inRegister(s.unitCode, s.code), s.lon, s.lat, s.level, s.isCitySite ? '是' : '否']),
    ]),
  },
  {
    dataset: 'water_sections', label: '地表水断面（GB18030）',
    write: (w, c) => c.csv('示例数据_地表水监测断面_GBK.csv', 'water_sections', 'gb18030', 'CSV GB18030，水质目标写法不一', [
      ['断面编码', '断面名称', '所在水体', '水体类型', '区县', '所在管控单元', '经度', '纬度', '考核级别', '水质目标'],
      ...w.sections.map((s) => [s.code, s.name, s.river, s.bodyType, s.districtName, w.inRegister(s.unitCode, s.code), s.lon, s.lat, s.level, s.targetText]),
    ]),
  },
  {
    dataset: 'drinking_sources', label: '饮用水水源地',
    write: (w, c) => c.csv('示例数据_集中式饮用水水源地.csv', 'drinking_sources', 'utf-8', 'CSV UTF-8', [
      ['水源地编码', '水源地名称', '水源类型', '水源地级别', '区县代码', '管控单元编码'],
      ...w.sources.map((s) => [s.code, s.name, s.type, s.level, s.districtCode, w.inRegister(s.unitCode, s.code)]),
    ]),
  },
  {
    dataset: 'permit_holders', label: '排污许可单位',
    write: (w, c) => c.csv('示例数据_排污许可单位.csv', 'permit_holders', 'utf-8-bom', 'CSV UTF-8 BOM，HJ 608 许可证编号', [
      ['许可证编号', '统一社会信用代码', '单位名称', '行业类别代码', '管理类别', '是否重点排污单位', '所在区县', '所在管控单元', '经度', '纬度', '所在园区'],
      ...w.holders.map((h) => [h.permitNo, h.uscc, h.name, h.industry.code, h.industry.cls, h.industry.cls === '重点管理' ? '是' : '否',
        h.districtName, w.inRegister(h.unitCode, h.permitNo), h.lon, h.lat, h.park]),
    ]),
  },
  {
    dataset: 'air_hourly', label: '空气小时数据',
    write: async (w, c) => {
      const stations = w.stations.filter((s) => s.districtCode !== w.xlsxDistrict);
      for (const year of c.o.years) {
        const path = join(c.o.outDir, `示例数据_环境空气小时数据_${year}.csv`);
        await c.con.run(`COPY (SELECT station_code AS 站点编码, time AS 监测时间, pollutant AS 污染物, value AS 浓度, flag AS 数据标记
          FROM (${hourlyAirSql(stations, year, year, c.o.seed)})) TO ${sqlString(path)} (HEADER true, DELIMITER ',')`);
        c.file(path, 'air_hourly', 'CSV UTF-8，长表');
      }
      const name = w.districts.find((d) => d.code === w.xlsxDistrict)!.name;
      const path = join(c.o.outDir, `示例数据_${name}空气小时数据.xlsx`);
      await writeWideXlsx(c.con, path, w.stations.filter((s) => s.districtCode === w.xlsxDistrict), c.o, name);
      c.file(path, 'air_hourly', 'XLSX 宽表，表头上方有标题行');
    },
  },
  {
    dataset: 'air_daily', label: '空气日数据',
    write: async (w, c) => {
      const name = w.districts.find((d) => d.code === w.xlsxDistrict)!.name;
      const path = join(c.o.outDir, `示例数据_${name}空气日均值.csv`);
      const stations = w.stations.filter((s) => s.districtCode === w.xlsxDistrict);
      await c.con.run(`COPY (SELECT station_code AS 站点编码, day AS 监测日期, so2 AS "SO2(μg/m³)", no2 AS "NO2(μg/m³)", co AS "CO(mg/m³)",
          pm10 AS "PM10(μg/m³)", pm25 AS "PM2.5(μg/m³)", o3_8h AS "O3_8h(μg/m³)"
        FROM (${dailyAirSql(stations, Math.min(...c.o.years), Math.max(...c.o.years), c.o.seed)})) TO ${sqlString(path)} (HEADER true, DELIMITER ',')`);
      c.file(path, 'air_daily', 'CSV UTF-8，日均值');
    },
  },
  {
    dataset: 'water_samples', label: '地表水监测数据',
    write: async (w, c) => {
      await c.csv('示例数据_地表水月监测数据.csv', 'water_samples', 'utf-8', 'CSV UTF-8 宽表，含 ND、<0.0001、0.00004L 等未检出写法',
        [WATER_WIDE_HEADER, ...waterWideRows(w.waterRows)]);
      const lakes = waterLongRows(w.waterRows);
      if (lakes.length) {
        await c.csv('示例数据_湖库水质监测_长表.csv', 'water_samples', 'utf-8', 'CSV UTF-8 长表，按年份+月份',
          [['断面编码', '年份', '月份', '监测项目', '监测值'], ...lakes]);
      }
    },
  },
  {
    dataset: 'drinking_samples', label: '饮用水水源地达标情况',
    write: (w, c) => c.xlsx('示例数据_饮用水水源地达标情况.xlsx', 'drinking_samples', '达标情况', `${SYNTHETIC}：集中式饮用水水源地水质达标情况`,
      [['水源地编码', '年份', '月份', '是否达标'], ...drinkingRows(w.sources, c.o.years)]),
  },
  {
    dataset: 'noise', label: '声环境监测',
    write: (w, c) => c.csv('示例数据_声环境功能区监测.csv', 'noise', 'utf-8', 'CSV UTF-8，季度写作“第1季度”', [
      ['点位编码', '区县', '功能区类别', '年份', '季度', '昼间等效声级（dB(A)）', '夜间等效声级（dB(A)）'],
      ...noiseRows(c.o.seed, c.o.scale, w.districts, c.o.years),
    ]),
  },
  {
    dataset: 'eqi', label: '生态质量指数',
    write: (w, c) => c.csv('示例数据_生态质量指数.csv', 'eqi', 'utf-8', 'CSV UTF-8，区县为名称，含全市',
      [['区县', '年份', '生态质量指数（EQI）', '生态质量类别'], ...eqiRows(c.o.seed, w.districts, c.o.years)]),
  },
  {
    dataset: 'eqi', label: '管控单元生态质量指数',
    write: async (w, c) => {
      const rows = unitEqiRows(c.o.seed, w.units, c.o.years);
      if (rows.length) await c.csv('示例数据_管控单元生态状况指数.csv', 'eqi', 'utf-8', 'CSV UTF-8，主体为管控单元编码', [['主体编码', '年份', '生态质量指数（EQI）', '生态质量类别'], ...rows]);
    },
  },
  {
    dataset: 'ecology_units', label: '生态保护红线监管',
    write: (w, c) => c.csv('示例数据_生态保护红线监管.csv', 'ecology_units', 'utf-8', 'CSV UTF-8', [
      ['管控单元编码', '年份', '生态保护红线面积（km²）', '新增人类活动点位数', '新增人类活动面积（km²）', '发现问题数', '已整改问题数'],
      ...ecologyUnitRows(c.o.seed, w.units, c.o.years),
    ]),
  },
  {
    dataset: 'soil_stats', label: '土壤安全利用（GB18030）',
    write: (w, c) => c.csv('示例数据_土壤安全利用_GBK.csv', 'soil_stats', 'gb18030', 'CSV GB18030，区县为名称', [
      ['区县', '年份', '受污染耕地面积（公顷）', '安全利用面积（公顷）', '重点建设用地地块数', '安全利用地块数'],
      ...soilRows(c.o.seed, w.districts, c.o.years),
    ]),
  },
  {
    dataset: 'statistics', label: '部门统计数据',
    write: (w, c) => c.csv('示例数据_部门统计数据.csv', 'statistics', 'utf-8', 'CSV UTF-8 长表，指标为中文名称',
      [['区县代码', '年份', '指标名称', '数值', '计量单位', '数据来源'], ...statisticsRows(c.o.seed, w.districts, c.o.years)]),
  },
  {
    dataset: 'targets', label: '目标责任书目标值',
    write: (w, c) => c.csv('示例数据_目标责任书目标值.csv', 'targets', 'utf-8', 'CSV UTF-8，考核对象为区县名称',
      [['考核对象', '年份', '指标编号', '目标值'], ...targetRows(w.districts, w.stations, c.o.years)]),
  },
  {
    dataset: 'emissions_annual', label: '年度排放量（GB18030）',
    write: (w, c) => c.csv('示例数据_排污单位年度排放量_GBK.csv', 'emissions_annual', 'gb18030', 'CSV GB18030，执行报告', [
      ['许可证编号', '年份', '污染物种类', '实际排放量（t/a）', '许可排放量（t/a）', '执行报告提交日期', '截止日期'],
      ...emissionRows(c.o.seed, w.holders, c.o.years),
    ]),
  },
  {
    dataset: 'online_hourly', label: '污染源在线监测',
    write: async (w, c) => {
      if (w.outlets.length === 0) return;
      for (const year of c.o.years) {
        const path = join(c.o.outDir, `示例数据_污染源在线监测小时数据_${year}.csv`);
        await c.con.run(`COPY (SELECT permit_no AS 许可证编号, outlet_code AS 排放口编号, time AS 监测时间, code AS 污染物代码,
            avg AS 实测浓度, zs_avg AS 折算浓度, lim AS 排放限值, flag AS 数据标记
          FROM (${onlineHourlySql(w.outlets, year, year, c.o.seed)})) TO ${sqlString(path)} (HEADER true, DELIMITER ',')`);
        c.file(path, 'online_hourly', 'CSV UTF-8，HJ 212 污染物代码与数据标记');
      }
    },
  },
  {
    dataset: 'inspections', label: '执法检查',
    write: (w, c) => c.csv('示例数据_执法检查记录.csv', 'inspections', 'utf-8', 'CSV UTF-8，日期写法不一', [
      ['检查编号', '检查日期', '检查类型', '许可证编号', '单位名称', '统一社会信用代码', '所在区县', '管控单元编码', '检查结果', '问题类型'],
      ...inspectionRows(w.inspections, w.inYear),
    ]),
  },
  {
    dataset: 'cases', label: '行政处罚案件',
    write: (w, c) => c.xlsx('示例数据_行政处罚案件.xlsx', 'cases', '案件', `${SYNTHETIC}：环境行政处罚案件（罚没金额单位：万元）`, [
      ['立案号', '立案日期', '许可证编号', '区县代码', '管控单元编码', '违法类型', '五类案件', '罚没金额（万元）', '处罚决定日期', '结案日期'],
      ...caseRows(c.o.seed, w.inspections, w.inYear), ...plantedCaseRows(w.holders, c.o.years),
    ]),
  },
  {
    dataset: 'problems', label: '问题整改',
    write: (w, c) => c.csv('示例数据_问题整改台账.csv', 'problems', 'utf-8', 'CSV UTF-8', [
      ['问题编号', '问题来源', '问题描述', '区县', '管控单元编码', '发现日期', '整改期限', '完成日期', '整改状态'],
      ...problemRows(c.o.seed, w.districts, w.units, c.o.years, w.inYear), ...plantedProblemRows(w.holders, c.o.years),
    ]),
  },
  {
    dataset: 'eia_approvals', label: '环评审批',
    write: (w, c) => c.csv('示例数据_环评审批.csv', 'eia_approvals', 'utf-8', 'CSV UTF-8', [
      ['批复文号', '项目名称', '批复日期', '区县', '管控单元编码', '环评类别', '是否开展分区管控符合性分析', '符合性结论', '经度', '纬度', '行业代码', '建设性质'],
      ...eiaRows(c.o.seed, c.o.scale, w.districts, w.units, c.o.years, w.inYear).map((r) => [...r, null, null, null, null]),
      ...sampleProjectApprovals(w.access?.projects ?? []),
    ]),
  },
  {
    dataset: 'plan_filings', label: '方案发布与备案',
    write: (w, c) => c.csv('示例数据_分区管控方案发布与备案.csv', 'plan_filings', 'utf-8-bom', 'CSV UTF-8 BOM', [
      ['层级', '主体', '版本', '类型', '发布日期', '备案日期', '调整原因'],
      ...planFilingRows(c.o.seed, w.districts, c.o.years),
    ]),
  },
  {
    dataset: 'work_items', label: '分区管控工作事项',
    write: (w, c) => c.xlsx('示例数据_分区管控工作事项.xlsx', 'work_items', '工作事项', `${SYNTHETIC}：生态环境分区管控应用工作事项`, [
      ['区县代码', '年份', '工作事项', '数量', '名称清单', '佐证说明', '佐证材料'],
      ...workItemRows(c.o.seed, w.districts, c.o.years),
    ]),
  },
  {
    dataset: 'access_features', label: '空间管控要素（GeoJSON）',
    write: async (w, c) => {
      if (!w.access) return;
      const path = join(c.o.outDir, '示例数据_空间管控要素.geojson');
      await writeFile(path, JSON.stringify(w.access.features));
      c.file(path, 'access_features', 'GeoJSON：生态保护红线、河流岸线、产业园区');
    },
  },
  {
    dataset: 'access_requirements', label: '生态环境准入清单',
    write: async (w, c) => {
      if (!w.access) return;
      const a = w.access;
      await c.xlsx('示例数据_准入清单_市级.xlsx', 'access_requirements', '市级', `${SYNTHETIC}：市级生态环境准入清单（总体管控要求）`, a.cityRows);
      const path = join(c.o.outDir, `示例数据_准入清单_单元级_${a.unitSheet.district.name}.xlsx`);
      // title on sheet row 1, header on 2, data from 3: a unit's code and name cells merged over its requirements
      const merges = a.unitSheet.merges.flatMap(([f, l]) => ['B', 'C'].map((col) => `${col}${f + 3}:${col}${l + 3}`));
      await writeTitledXlsx(path, '单元级', `${SYNTHETIC}：${a.unitSheet.district.name}环境管控单元生态环境准入清单`, a.unitSheet.rows, merges);
      c.file(path, 'access_requirements', 'XLSX，一个单元的多条要求合并单元编码单元格');
      await c.csv('示例数据_准入清单_区县级与单元级.csv', 'access_requirements', 'utf-8-bom', 'CSV UTF-8 BOM 长表', a.csvRows);
      for (const p of a.projects) await writeFile(join(c.o.outDir, p.file), JSON.stringify(p.project, null, 2));
    },
  },
];

/** The sample projects for 准入研判 (one JSON file each), with what each shows. */
export function sampleProjects(o: Pick<SampleOptions, 'seed' | 'scale' | 'districts' | 'years'>): { file: string; note: string; project: Record<string, unknown> }[] {
  return sampleWorld({ ...o, outDir: '' }).access?.projects ?? [];
}

/** The units where the sample plants its watch-list faults in the last year (示例数据_说明.md), with the condition
 *  each should be flagged for: what a check of the watch list looks for. */
export function plantedWatchFaults(o: Pick<SampleOptions, 'seed' | 'scale' | 'districts' | 'years'>): { unitCode: string; condition: string }[] {
  const w = sampleWorld({ ...o, outDir: '' });
  const first = w.districts[0]?.code;
  const priority = w.units.filter((u) => u.districtCode === first && u.type === 1);
  const general = w.units.filter((u) => u.type === 3);
  const eqiUnit = general.find((u) => u.districtCode === general[0]?.districtCode);
  const key = plantedKeyHolder(w.holders);
  return [
    ...(priority[0] ? [{ unitCode: priority[0].code, condition: '红线面积' }] : []),
    ...(priority[1] ? [{ unitCode: priority[1].code, condition: '人类活动' }] : []),
    ...(key ? [{ unitCode: key.unitCode, condition: '案件' }, { unitCode: key.unitCode, condition: '未按期整改' }] : []),
    ...(eqiUnit ? [{ unitCode: eqiUnit.code, condition: 'ΔEQI' }] : []),
  ];
}

export async function generateSample(o: SampleOptions): Promise<SampleFile[]> {
  await mkdir(o.outDir, { recursive: true });
  const world = sampleWorld(o);
  const steps = STEPS.filter((s) => !o.datasets || o.datasets.includes(s.dataset));
  const files: SampleFile[] = [];
  let done = 0;
  // The hourly files are written sorted (as systems export them): bounded memory, the sorts spill beside the files.
  const spill = join(o.outDir, '.zonetrack-sample.tmp');
  const db = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: workspaceMemoryLimit(), temp_directory: spill });
  const con = await db.connect();
  const ctx: StepContext = {
    o, con,
    file: (path, dataset, form) => void files.push({ path, dataset, form }),
    csv: async (name, dataset, encoding, form, rows) => {
      const path = join(o.outDir, name);
      await writeCsvFile(path, rows, encoding);
      ctx.file(path, dataset, form);
    },
    json: async (name, dataset, form, doc) => {
      const path = join(o.outDir, name);
      await writeFile(path, JSON.stringify(doc));
      ctx.file(path, dataset, form);
    },
    xlsx: async (name, dataset, sheet, title, rows) => {
      const path = join(o.outDir, name);
      await writeTitledXlsx(path, sheet, title, rows);
      ctx.file(path, dataset, 'XLSX，表头上方有标题行');
    },
  };
  try {
    for (const s of steps) {
      o.onProgress?.({ step: s.label, done: done++, total: steps.length + 1 });
      await s.write(world, ctx);
    }
  } finally {
    con.closeSync();
    db.closeSync();
    await rm(spill, { recursive: true, force: true });
  }
  if (!o.datasets || o.datasets.includes('units')) {
    // imported with the sample (空间管控要素, layer 河道中心线): the rivers are workspace data the map draws, offline
    const path = join(o.outDir, RIVERS_FILE);
    await writeFile(path, JSON.stringify({ type: 'FeatureCollection', name: `${SYNTHETIC}：主要河流`, features: world.territory.rivers() }));
    ctx.file(path, 'access_features', 'GeoJSON：主要河流河道中心线');
  }
  await writeFile(join(o.outDir, '示例数据_说明.md'), readme(o));
  o.onProgress?.({ step: '完成', done, total: steps.length + 1 });
  return files;
}

async function writeWideXlsx(con: DuckDBConnection, path: string, stations: SampleStation[], o: SampleOptions, name: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('小时数据');
  const years = `${o.years[0]}–${o.years.at(-1)}年`;
  ws.addRow([`${SYNTHETIC}：${name}环境空气自动监测小时数据（${years}）`]).commit();
  ws.addRow(['站点编码', '监测时间', 'SO2(μg/m³)', 'NO2(μg/m³)', 'CO(mg/m³)', 'O3(μg/m³)', 'PM10(μg/m³)', 'PM2.5(μg/m³)']).commit();
  const from = Math.min(...o.years), to = Math.max(...o.years);
  const reader = await con.runAndReadAll(`SELECT * FROM (
    PIVOT (SELECT station_code, time, pollutant, value FROM (${hourlyAirSql(stations, from, to, o.seed)}))
    ON pollutant IN ('SO2', 'NO2', 'CO', 'O3', 'PM10', 'PM2.5') USING first(value)) ORDER BY time, station_code`);
  for (const r of reader.getRowObjectsJS()) {
    const t = String(r.time);
    const date = new Date(`${t.replace(' ', 'T')}:00Z`);
    const row = ws.addRow([r.station_code, date, r.SO2, r.NO2, r.CO, r.O3, r.PM10, r['PM2.5']]);
    row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function readme(o: SampleOptions): string {
  return `# 示例数据说明

本目录中的全部文件均为**合成数据**（由 \`zonetrack sample\` 按随机种子 ${o.seed} 生成，规模 ${o.scale}，年份 ${o.years.join('、')}），
仅用于演示与测试，不是真实监测、许可或执法数据。区县代码、河流与国考断面名称（朱沱、寸滩、清溪场等）取自公开资料，
其余名称、编码与数值均为虚构。

文件以各部门系统导出时的常见形式给出：UTF-8、带 BOM 的 UTF-8、GB18030 编码的 CSV；表头上方带标题行的 Excel；
每个监测项目一列的宽表；HJ 212 污染物代码与数据标记；以“万元”计的罚没金额；“ND”“<0.0001”“0.00004L”等未检出写法；
“2025年3月5日”“2025/3/5”等日期写法。全部文件可直接导入。

## 管控单元的边界与河流
两个版本的管控单元均为 GeoJSON（经纬度坐标），边界为合成：区县由区县政府驻地的大致位置向外生长而成，管控单元在区县内生长
（重点管控单元靠近驻地，优先保护单元在外围），相邻单元、相邻区县共用同一组边界顶点。站点、断面、排污单位的坐标都落在名录所填
管控单元之内。“${RIVERS_FILE}”为长江、嘉陵江、乌江的合成河道中心线（LineString）。

## 管控单元的两个版本
${Math.min(...o.years) < ADJUSTED_PLAN_YEAR ? '' : '（本次生成的年份均在2023年及以后，只用到2023版编码。）\n'}2023年起执行2023版管控单元，此前执行2020版：每个区县的最后一个重点管控单元由2020版的两个单元（“原甲片”“原乙片”）合并而来，
对照关系见“示例数据_管控单元新旧编码对照.csv”。执法检查、行政处罚、问题整改、环评审批记录按记录所在年份填写当年有效的单元编码
（${ADJUSTED_PLAN_YEAR}年以前为原甲片或原乙片的编码）；排污许可单位、空气站点、断面、水源地名录每处一行，填写首个年份（${Math.min(...o.years)}年）
有效的单元编码（同一排污单位与其执法记录用同一片区），计算时按新旧编码对照读作计算年份有效的单元。

## 生态环境准入清单与准入研判
管控单元文件带“边界”列（GeoJSON，每个区县的示例方格按单元切成竖条，仅供演示）。“示例数据_准入清单_市级.xlsx”为市级总体管控要求，
“示例数据_准入清单_单元级_*.xlsx”为一个区县的单元级清单（一个单元的多条要求合并单元编码单元格），“示例数据_准入清单_区县级与单元级.csv”
为其余区县的区县级和单元级清单；四个维度均有，既有可判定条件（禁止/限制行业、距岸线距离、占用红线、倍量替代、能效限值），也有需人工判断的文字要求。
“示例数据_空间管控要素.geojson”含一处生态保护红线图斑、一条长江示例岸线和一个示例工业园，位置由单元边界推出。
“示例数据_准入研判项目_*.json”为研判示例项目（\`zonetrack screen WS --project 文件\`），预期结论：红线内公路、岸线一公里内化工、
园区外水泥、未达标区氮氧化物替代不足均为“不符合”；园区内水泥和一般管控单元内汽车零部件项目为“符合”。

## 有意设置的数据问题（供数据质量检查发现）
- 空气小时数据：少量缺测小时、整日停测站点、H/BB 标记的无效值。
- 地表水：第一个断面 8 月未采样；第二个断面 1 月氨氮超过其水质目标。
- 饮用水水源地：第一个水源地 7 月不达标。
- 年度排放量：第一家单位实际排放量超过许可排放量；第二家执行报告逾期提交；第三家最近一年未提交。
- 在线监测：少量停运（F）、维护（M）、校准（C）、故障（D）、超量程（T）、通讯异常（B）标记；第一个排放口 3 月 10 日有 6 小时超标。
- 行政处罚：第一起案件未结案。
- 问题整改：部分问题逾期未完成。
- 环评审批：一项批复的分区管控符合性结论为“不符合”。
- 方案备案：第二个区县的 2024 年调整方案尚未备案。
- 生态保护红线（最近一年）：第一个区县一个优先保护单元红线面积减少 0.8 km²，无批准记录（否决项 V2）；第二个区县减少 0.5 km²，
  有经批准的调整（工作事项“生态保护红线调整批准”）；第三个区县减少 0.005 km²，在 0.01 km² 容差内。
- 工作事项（最近一年）：第三个区县报告一起重大突发环境事件（否决项 V1）。

## 有意设置的监管预警情形（供监管预警清单发现，均在最后一年）
- 第一个区县的第一个优先保护单元：生态保护红线面积比上年减少 0.8 km²（见上，预警“红线面积减少”）；第二个优先保护单元：新增人类活动点位 5 个。
- 第一个区县的第一个重点管控单元：一起罚没 62.5 万元的案件，一个逾期未整改的问题（两项条件同时满足）。
- 第一个区县的第一个一般管控单元：单元生态质量指数比上年下降 2.6（第二个一般管控单元下降 0.8，不构成预警）。
`;
}
