// The UI is ready for a second language: no Chinese words are written into renderer code outside renderer/i18n
// (comments aside), and English covers every key (the Translation type checks that at compile time). Files not yet
// moved to the message catalogue are listed below; the list may only shrink.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const NOT_YET_EXTRACTED = new Set<string>([
]);

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p === join('renderer', 'i18n') ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Each string, template piece or JSX text holding Chinese, with its line. */
function chineseLiterals(path: string, text = readFileSync(path, 'utf8')): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isJsxText(node)) {
      const value = ts.isJsxText(node) ? node.getText() : node.text;
      if (CJK.test(value)) found.push(`${path}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${value.trim().slice(0, 40)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('renderer strings', () => {
  const files = sourceFiles('renderer').map((p) => relative('.', p).split('\\').join('/'));

  it('keeps Chinese words in renderer/i18n only', () => {
    const stray = files.filter((f) => !NOT_YET_EXTRACTED.has(f)).flatMap((f) => chineseLiterals(f));
    expect(stray).toEqual([]);
  });

  it('lists as not yet extracted only files that still hold Chinese words', () => {
    const done = [...NOT_YET_EXTRACTED].filter((f) => !files.includes(f) || chineseLiterals(f).length === 0);
    expect(done).toEqual([]);
  });

  it('finds Chinese words where they are written', () => {
    // The scanner itself: a JSX text and a string are found, a comment is not.
    const sample = '// 注释里的中文不算\nexport const S = () => <div title="x">指标总览\n  {\'年度\'}{`${1}年`}</div>;\n';
    expect(chineseLiterals('sample.tsx', sample).map((s) => s.replace(/^sample\.tsx:/, ''))).toEqual(['2 指标总览', '3 年度', '3 年']);
  });
});
