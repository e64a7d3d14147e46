// `zonetrack sample`: a synthetic but realistic Chongqing data set in the forms real files come in.
// Every file says in its name that it is synthetic (示例数据). Same seed → same bytes.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { DuckDBInstance } from '@duckdb/node-api';
import { sqlString } from '../sql.js';
import { sampleDistricts, sampleStations, sampleUnits, type SampleScale, type SampleStation } from './sample-reference.js';
import { hourlyAirSql } from './air-hourly-sql.js';

export interface SampleOptions {
  outDir: string;
  years: number[];
  scale: SampleScale;
  seed: number;
  /** Only these districts (tests use a few to stay fast). */
  districts?: string[];
  /** The district whose hourly data goes into the wide XLSX instead of the CSV. */
  xlsxDistrict?: string;
  onProgress?: (p: { step: string; done: number; total: number }) => void;
}

export interface SampleFile {
  path: string;
  dataset: 'units' | 'air_stations' | 'air_hourly';
  form: string;
}

const csvCell = (v: string | number | null) => {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export async function generateSample(o: SampleOptions): Promise<SampleFile[]> {
  await mkdir(o.outDir, { recursive: true });
  const districts = sampleDistricts(o.districts);
  const units = sampleUnits(o.seed, districts);
  const stations = sampleStations(o.seed, o.scale, districts, units);
  const files: SampleFile[] = [];
  const total = 3 + o.years.length;
  let done = 0;
  const step = (s: string) => o.onProgress?.({ step: s, done: done++, total });

  step('管控单元');
  const unitsPath = join(o.outDir, '示例数据_环境管控单元_2023版.csv');
  await writeFile(unitsPath, '\ufeff' + csv([
    ['环境管控单元编码', '环境管控单元名称', '管控单元类别', '区县代码', '面积（km²）', '成果版本'],
    ...units.map((u) => [u.code, u.name, ['', '优先保护', '重点管控', '一般管控'][u.type]!, u.districtCode, u.areaKm2.toFixed(2), '2023']),
  ]));
  files.push({ path: unitsPath, dataset: 'units', form: 'CSV UTF-8 BOM' });

  step('空气站点（GB18030）');
  const stationsPath = join(o.outDir, '示例数据_环境空气监测站点_GBK.csv');
  await writeFile(stationsPath, iconv.encode(csv([
    ['站点编码', '站点名称', '所属区县', '所在管控单元', '经度', '纬度', '站点级别', '是否城市点'],
    ...stations.map((s) => [s.code, s.name, s.districtName, s.unitCode, s.lon, s.lat, s.level, s.isCitySite ? '是' : '否']),
  ]), 'gb18030'));
  files.push({ path: stationsPath, dataset: 'air_stations', form: 'CSV GB18030' });

  const xlsxDistrict = o.xlsxDistrict ?? (districts.some((d) => d.code === '500103') ? '500103' : districts[0]!.code);
  const xlsxStations = stations.filter((s) => s.districtCode === xlsxDistrict);
  const csvStations = stations.filter((s) => s.districtCode !== xlsxDistrict);
  const db = await DuckDBInstance.create(':memory:', { threads: '2' });
  const con = await db.connect();
  try {
    for (const year of o.years) {
      step(`空气小时数据 ${year}`);
      const path = join(o.outDir, `示例数据_环境空气小时数据_${year}.csv`);
      await con.run(`COPY (SELECT station_code AS 站点编码, time AS 监测时间, pollutant AS 污染物, value AS 浓度, flag AS 数据标记
        FROM (${hourlyAirSql(csvStations, year, year, o.seed)})) TO ${sqlString(path)} (HEADER true, DELIMITER ',')`);
      files.push({ path, dataset: 'air_hourly', form: 'CSV UTF-8，长表' });
    }
    step('空气小时数据（Excel 宽表）');
    const name = districts.find((d) => d.code === xlsxDistrict)!.name;
    const xlsxPath = join(o.outDir, `示例数据_${name}空气小时数据.xlsx`);
    await writeWideXlsx(con, xlsxPath, xlsxStations, o, name);
    files.push({ path: xlsxPath, dataset: 'air_hourly', form: 'XLSX 宽表，表头上方有标题行' });
  } finally {
    con.closeSync();
    db.closeSync();
  }
  step('完成');
  return files;
}

async function writeWideXlsx(
  con: Awaited<ReturnType<DuckDBInstance['connect']>>, path: string, stations: SampleStation[], o: SampleOptions, name: string,
): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('小时数据');
  const years = `${o.years[0]}–${o.years.at(-1)}年`;
  ws.addRow([`示例数据（合成，非真实监测数据）：${name}环境空气自动监测小时数据（${years}）`]).commit();
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
