// The font table of every .docx the workstation writes: each bureau font declared with the font a stock Windows
// (Word, WPS) has instead — 仿宋_GB2312 → 仿宋 / FangSong, 方正小标宋简体 → 宋体 / SimSun, 楷体_GB2312 → 楷体 / KaiTi —
// as altName, with the GB2312 character set, the family and the PANOSE class, so Word substitutes a font of the
// same look instead of falling back to a Latin one. The docx library writes an empty table, so the packed file's
// word/fontTable.xml is replaced here: the one place documents are packed (packDocument).
import { Packer, type Document } from 'docx';
import JSZip from 'jszip';
import { FONTS } from './official-style.js';

export interface DeclaredFont {
  name: string;
  /** What Word and WPS take when `name` is not installed (a font stock Windows has). */
  altName: string;
  panose: string;
  family: 'roman' | 'swiss' | 'modern' | 'auto';
  pitch: 'fixed' | 'variable';
  /** 86: GB2312 (Chinese), 00: ANSI. */
  charset: '86' | '00';
}

// PANOSE of the Windows fonts the substitutes are (SimSun, SimHei, KaiTi, FangSong).
const SONG = '02010600030101010101', HEI = '02010609060101010101', KAI = '02010609060101010101', FANGSONG = '02010609060101010101';

export const FONT_TABLE: DeclaredFont[] = [
  { name: FONTS.body, altName: '仿宋', panose: FANGSONG, family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '仿宋', altName: 'FangSong', panose: FANGSONG, family: 'modern', pitch: 'fixed', charset: '86' },
  { name: FONTS.title, altName: '宋体', panose: SONG, family: 'auto', pitch: 'variable', charset: '86' },
  { name: '宋体', altName: 'SimSun', panose: SONG, family: 'auto', pitch: 'variable', charset: '86' },
  { name: FONTS.h2, altName: '楷体', panose: KAI, family: 'modern', pitch: 'fixed', charset: '86' },
  { name: '楷体', altName: 'KaiTi', panose: KAI, family: 'modern', pitch: 'fixed', charset: '86' },
  { name: FONTS.h1, altName: 'SimHei', panose: HEI, family: 'modern', pitch: 'fixed', charset: '86' },
  { name: FONTS.latin, altName: 'Times New Roman', panose: '02020603050405020304', family: 'roman', pitch: 'variable', charset: '00' },
];

const esc = (t: string) => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('"', '&quot;');

export function fontTableXml(fonts: DeclaredFont[] = FONT_TABLE): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    + fonts.map((f) => `<w:font w:name="${esc(f.name)}"><w:altName w:val="${esc(f.altName)}"/><w:panose1 w:val="${f.panose}"/>`
      + `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`).join('')
    + '</w:fonts>';
}

/** The document as .docx bytes, with the font table above. */
export async function packDocument(doc: Document): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await Packer.toBuffer(doc));
  zip.file('word/fontTable.xml', fontTableXml());
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
