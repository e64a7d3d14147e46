// LibreOffice as a second spreadsheet engine: a workbook's formulas computed by Calc, to check that what the file
// stores is what a reviewer's spreadsheet computes. Needs soffice with Calc (libreoffice-calc-nogui, installed by
// scripts/setup-system.sh); tests that use it skip where Calc is missing.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

function sofficeWithCalc(): string | null {
  try {
    const path = execFileSync('which', ['soffice'], { encoding: 'utf8' }).trim();
    const program = execFileSync('readlink', ['-f', path], { encoding: 'utf8' }).trim().replace(/\/[^/]+$/, '');
    return path && existsSync(join(program, 'libsclo.so')) ? path : null;
  } catch {
    return null;
  }
}

/** The soffice binary when its spreadsheet part (Calc) is installed, else null. */
export const SOFFICE_CALC = sofficeWithCalc();

/**
 * The workbook as LibreOffice computes it: a profile of its own set to recalculate every formula on load (Calc's
 * default keeps the results stored in an .xlsx), converted to a new .xlsx whose stored results are Calc's.
 */
export async function recalculated(path: string, dir: string): Promise<ExcelJS.Workbook> {
  if (!SOFFICE_CALC) throw new Error('LibreOffice Calc is not installed (scripts/setup-system.sh installs it)');
  const profile = join(dir, 'lo-profile');
  await mkdir(join(profile, 'user'), { recursive: true });
  await writeFile(join(profile, 'user', 'registrymodifications.xcu'), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>`);
  const out = join(dir, 'recalc');
  await mkdir(out, { recursive: true });
  await promisify(execFile)(SOFFICE_CALC, ['--headless', `-env:UserInstallation=file://${profile}`, '--convert-to', 'xlsx', '--outdir', out, path], { timeout: 180_000 });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(out, basename(path)));
  return wb;
}

/**
 * A cell's value as shown: a formula's result, rich text as its plain text (Calc writes a text whose characters
 * fall back to another font, such as the digits of 折算总分（满分100）, as runs of rich text), else the value itself.
 */
export function shownValue(cell: ExcelJS.Cell): unknown {
  const v = cell.value;
  if (v !== null && typeof v === 'object' && 'richText' in v) return (v as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  return v !== null && typeof v === 'object' && 'formula' in v ? (v as ExcelJS.CellFormulaValue).result : v;
}
