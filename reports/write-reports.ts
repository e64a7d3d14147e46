// Writes a district's .docx report and .xlsx 评分表. Files are written to a temporary name and renamed, so a
// half-written file never sits under the final name.
import { mkdir, rename, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Packer } from 'docx';
import type { Sql } from '../analytics/workspace.js';
import { loadDistrictReportData } from './report-data.js';
import { buildDistrictReport } from './docx/district-report.js';
import { buildScoringWorkbook } from './xlsx/scoring-workbook.js';

export interface WrittenReport {
  entity: string;
  name: string;
  docx: string;
  xlsx: string;
}

async function writeAtomically(path: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await write(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

export async function writeDistrictReport(sql: Sql, year: number, entity: string, outDir: string): Promise<WrittenReport> {
  const data = await loadDistrictReportData(sql, year, entity);
  await mkdir(outDir, { recursive: true });
  const base = `${data.sheet.name}${year}年度分区管控跟踪评估`;
  const docx = join(outDir, `${base}自评报告.docx`);
  const xlsx = join(outDir, `${base}评分表.xlsx`);
  const buffer = await Packer.toBuffer(buildDistrictReport(data));
  await writeAtomically(docx, (tmp) => writeFile(tmp, buffer));
  await writeAtomically(xlsx, (tmp) => buildScoringWorkbook(data).xlsx.writeFile(tmp));
  return { entity, name: data.sheet.name, docx, xlsx };
}
