// The small, safe expression language a catalogue entry may use instead of one measure: numbers, + − × ÷,
// parentheses, min(…)/max(…) and measure ids (e.g. `(soil.safe_use_ha + 10) / soil.farmland_ha × 100`).
// Hand-written recursive descent: nothing from a file ever reaches SQL or JS evaluation.

type BinOp = '+' | '-' | '*' | '/';
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; id: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: BinOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: 'min' | 'max'; args: Expr[] };

export class ExpressionError extends Error {
  constructor(message: string, readonly position: number) {
    super(message);
    this.name = 'ExpressionError';
  }
}

type Token = { t: 'num'; v: number; at: number } | { t: 'id'; v: string; at: number } | { t: 'op'; v: string; at: number };

const OPERATOR_ALIASES: Record<string, string> = { '×': '*', '÷': '/', '−': '-', '（': '(', '）': ')', '，': ',' };
// Measure ids: letters, digits, underscore and dots (air.pm25_annual_mean); Chinese names are allowed too.
const ID_START = /[A-Za-z_\u4e00-\u9fa5]/;
const ID_PART = /[\w.\u4e00-\u9fa5]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) throw new ExpressionError(`第${i + 1}个字符处的数字无法识别`, i);
      tokens.push({ t: 'num', v: Number(m[0]), at: i });
      i += m[0].length;
    } else if (ID_START.test(c)) {
      let j = i + 1;
      while (j < text.length && ID_PART.test(text[j]!)) j++;
      const id = text.slice(i, j);
      if (id.endsWith('.')) throw new ExpressionError(`名称“${id}”不能以“.”结尾`, i);
      tokens.push({ t: 'id', v: id, at: i });
      i = j;
    } else {
      const op = OPERATOR_ALIASES[c] ?? c;
      if (!'+-*/(),'.includes(op)) throw new ExpressionError(`第${i + 1}个字符“${c}”不是允许的运算符（只允许 + − × ÷、括号、min、max）`, i);
      tokens.push({ t: 'op', v: op, at: i });
      i++;
    }
  }
  return tokens;
}

/** Parses an expression; throws ExpressionError (message in Chinese, with the position) when it is malformed. */
export function parseExpression(text: string): Expr {
  if (text.length > 500) throw new ExpressionError('表达式过长（最多500个字符）', 0);
  const tokens = tokenize(text);
  let k = 0;
  let depth = 0;
  const peek = () => tokens[k];
  const at = () => peek()?.at ?? text.length;
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const expectOp = (v: string) => {
    if (!isOp(v)) throw new ExpressionError(`第${at() + 1}个字符处应为“${v}”`, at());
    k++;
  };

  // One left-associative level of binary operators over the next tighter level.
  function level(ops: readonly BinOp[], next: () => Expr): () => Expr {
    return () => {
      let left = next();
      while (ops.some(isOp)) {
        const op = tokens[k++]!.v as BinOp;
        left = { kind: 'bin', op, left, right: next() };
      }
      return left;
    };
  }
  const product = level(['*', '/'], () => unary());
  const sum = level(['+', '-'], product);
  function unary(): Expr {
    if (isOp('-')) {
      k++;
      return { kind: 'neg', arg: unary() };
    }
    if (isOp('+')) {
      k++;
      return unary();
    }
    return primary();
  }
  function primary(): Expr {
    const tok = peek();
    if (!tok) throw new ExpressionError('表达式不完整', text.length);
    if (++depth > 50) throw new ExpressionError('表达式嵌套过深', tok.at);
    try {
      if (tok.t === 'num') {
        k++;
        return { kind: 'num', value: tok.v };
      }
      if (tok.t === 'id') {
        k++;
        if (isOp('(')) {
          const fn = tok.v.toLowerCase();
          if (fn !== 'min' && fn !== 'max') throw new ExpressionError(`未知的函数“${tok.v}”（只允许 min、max）`, tok.at);
          k++;
          const args = [sum()];
          while (isOp(',')) {
            k++;
            args.push(sum());
          }
          expectOp(')');
          return { kind: 'call', fn, args };
        }
        return { kind: 'ref', id: tok.v };
      }
      if (tok.v === '(') {
        k++;
        const inner = sum();
        expectOp(')');
        return inner;
      }
      throw new ExpressionError(`第${tok.at + 1}个字符处不应出现“${tok.v}”`, tok.at);
    } finally {
      depth--;
    }
  }

  if (tokens.length === 0) throw new ExpressionError('表达式为空', 0);
  const expr = sum();
  if (k < tokens.length) throw new ExpressionError(`第${at() + 1}个字符处多余的“${String(peek()!.v)}”`, at());
  return expr;
}

/** The measure ids an expression reads, in first-use order. */
export function referencedIds(expr: Expr): string[] {
  const out = new Set<string>();
  const walk = (e: Expr): void => {
    if (e.kind === 'ref') out.add(e.id);
    else if (e.kind === 'neg') walk(e.arg);
    else if (e.kind === 'bin') {
      walk(e.left);
      walk(e.right);
    } else if (e.kind === 'call') e.args.forEach(walk);
  };
  walk(expr);
  return [...out];
}

/** The value, or null with the reason (a missing input, division by zero) — never a silent 0 or NaN. */
export function evaluateExpression(expr: Expr, lookup: (id: string) => number | null | undefined): { value: number | null; reason?: string } {
  const fail = (reason: string): never => {
    throw new ExpressionError(reason, 0);
  };
  const ev = (e: Expr): number => {
    switch (e.kind) {
      case 'num':
        return e.value;
      case 'ref': {
        const v = lookup(e.id);
        return v === null || v === undefined || !Number.isFinite(v) ? fail(`缺少“${e.id}”的值`) : v;
      }
      case 'neg':
        return -ev(e.arg);
      case 'call': {
        const args = e.args.map(ev);
        return e.fn === 'min' ? Math.min(...args) : Math.max(...args);
      }
      case 'bin': {
        const a = ev(e.left);
        const b = ev(e.right);
        if (e.op === '/' && b === 0) fail('除数为0');
        return e.op === '+' ? a + b : e.op === '-' ? a - b : e.op === '*' ? a * b : a / b;
      }
    }
  };
  try {
    return { value: ev(expr) };
  } catch (e) {
    if (e instanceof ExpressionError) return { value: null, reason: e.message };
    throw e;
  }
}
