// A strict JSON parser for request bodies and for what auditors read: RFC 8259 grammar, and the I-JSON
// rules (RFC 7493) that JSON.parse does not enforce. JSON.parse keeps the last of two equal keys while
// DuckDB and Athena read the first, so a line with a duplicate key hashes one item and queries as
// another; a lone surrogate is not Unicode, so RFC 8785 implementations refuse to hash it. Both are
// errors here, at any depth.

export type StrictJsonProblem = 'syntax' | 'duplicate-key' | 'not-unicode';

export class StrictJsonError extends Error {
  constructor(
    message: string,
    readonly problem: StrictJsonProblem,
    /** The keys (and array indexes) leading to the problem. */
    readonly path: string[],
    /** Offset in the text (UTF-16 code units) where the problem was found. */
    readonly position: number,
  ) {
    super(message);
  }
}

/** Nesting deeper than this is refused rather than risking the call stack (audit items nest 3 deep). */
const MAX_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
const isDigit = (code: number) => code >= ZERO && code <= NINE;

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  private at = 0;
  private readonly path: string[] = [];

  constructor(private readonly text: string) {}

  parse(): unknown {
    this.skipSpace();
    const value = this.value(0);
    this.skipSpace();
    if (this.at < this.text.length) this.fail('unexpected text after the JSON value');
    return value;
  }

  private where() {
    return this.path.length === 0 ? '' : ` in ${this.path.map((key) => JSON.stringify(key)).join(' > ')}`;
  }

  private fail(problem: string, kind: StrictJsonProblem = 'syntax', key?: string): never {
    throw new StrictJsonError(
      `${problem}${this.where()} at column ${this.at + 1}`,
      kind,
      key === undefined ? [...this.path] : [...this.path, key],
      this.at,
    );
  }

  private skipSpace() {
    const text = this.text;
    let at = this.at;
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) at += 1;
      else break;
    }
    this.at = at;
  }

  private value(depth: number): unknown {
    const code = this.text.charCodeAt(this.at);
    if (code === OPEN_BRACE) return this.object(depth + 1);
    if (code === OPEN_BRACKET) return this.array(depth + 1);
    if (code === QUOTE) return this.string();
    if (code === MINUS || isDigit(code)) return this.number();
    if (this.text.startsWith('true', this.at)) {
      this.at += 4;
      return true;
    }
    if (this.text.startsWith('false', this.at)) {
      this.at += 5;
      return false;
    }
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return null;
    }
    return this.fail(this.at >= this.text.length ? 'unexpected end of JSON' : 'not a JSON value');
  }

  private object(depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH}`);
    this.at += 1;
    const result: Record<string, unknown> = {};
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === CLOSE_BRACE) {
      this.at += 1;
      return result;
    }
    for (;;) {
      if (this.text.charCodeAt(this.at) !== QUOTE) this.fail('expected a quoted key');
      const keyAt = this.at;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(result, key)) {
        this.at = keyAt;
        this.fail(`duplicate key ${JSON.stringify(key)}`, 'duplicate-key', key);
      }
      this.skipSpace();
      if (this.text.charCodeAt(this.at) !== COLON) this.fail('expected ":" after a key');
      this.at += 1;
      this.skipSpace();
      this.path.push(key);
      const member = this.value(depth);
      this.path.pop();
      // A plain assignment of "__proto__" would set the prototype instead of a member.
      if (key === '__proto__')
        Object.defineProperty(result, key, {
          value: member,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else result[key] = member;
      this.skipSpace();
      const next = this.text.charCodeAt(this.at);
      this.at += 1;
      if (next === CLOSE_BRACE) return result;
      if (next !== COMMA) {
        this.at -= 1;
        this.fail('expected "," or "}"');
      }
      this.skipSpace();
    }
  }

  private array(depth: number): unknown[] {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH}`);
    this.at += 1;
    const result: unknown[] = [];
    this.skipSpace();
    if (this.text.charCodeAt(this.at) === CLOSE_BRACKET) {
      this.at += 1;
      return result;
    }
    for (;;) {
      this.path.push(String(result.length));
      result.push(this.value(depth));
      this.path.pop();
      this.skipSpace();
      const next = this.text.charCodeAt(this.at);
      this.at += 1;
      if (next === CLOSE_BRACKET) return result;
      if (next !== COMMA) {
        this.at -= 1;
        this.fail('expected "," or "]"');
      }
      this.skipSpace();
    }
  }

  private string(): string {
    const text = this.text;
    let at = this.at + 1;
    let chunkStart = at;
    let decoded = '';
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === QUOTE) break;
      if (Number.isNaN(code)) {
        this.at = at;
        this.fail('unterminated string');
      }
      if (code < 0x20) {
        this.at = at;
        this.fail('a control character inside a string must be escaped');
      }
      if (code === BACKSLASH) {
        decoded += text.slice(chunkStart, at);
        const escape = text[at + 1] ?? '';
        if (escape === 'u') {
          const unit = this.hexUnit(at);
          if (isHighSurrogate(unit)) {
            const low = text.startsWith('\\u', at + 6) ? this.hexUnit(at + 6) : -1;
            if (!isLowSurrogate(low)) {
              this.at = at;
              this.fail(`lone surrogate \\u${unit.toString(16)}: not well-formed Unicode`, 'not-unicode');
            }
            decoded += String.fromCharCode(unit, low);
            at += 12;
          } else if (isLowSurrogate(unit)) {
            this.at = at;
            this.fail(`lone surrogate \\u${unit.toString(16)}: not well-formed Unicode`, 'not-unicode');
          } else {
            decoded += String.fromCharCode(unit);
            at += 6;
          }
        } else {
          const simple = SIMPLE_ESCAPES[escape];
          if (simple === undefined) {
            this.at = at;
            this.fail(`invalid escape \\${escape}`);
          }
          decoded += simple;
          at += 2;
        }
        chunkStart = at;
        continue;
      }
      // Text decoded from valid UTF-8 holds surrogates only in pairs; a string built in memory may not.
      if (isHighSurrogate(code)) {
        if (!isLowSurrogate(text.charCodeAt(at + 1))) {
          this.at = at;
          this.fail('lone surrogate: not well-formed Unicode', 'not-unicode');
        }
        at += 2;
        continue;
      }
      if (isLowSurrogate(code)) {
        this.at = at;
        this.fail('lone surrogate: not well-formed Unicode', 'not-unicode');
      }
      at += 1;
    }
    this.at = at + 1;
    return decoded === '' ? text.slice(chunkStart, at) : decoded + text.slice(chunkStart, at);
  }

  /** The code unit of `\uXXXX` starting at `at` (the backslash). */
  private hexUnit(at: number): number {
    const hex = this.text.slice(at + 2, at + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
      this.at = at;
      this.fail('invalid \\u escape');
    }
    return Number.parseInt(hex, 16);
  }

  private number(): number {
    const text = this.text;
    const start = this.at;
    let at = start;
    if (text.charCodeAt(at) === MINUS) at += 1;
    const first = text.charCodeAt(at);
    if (first === ZERO) at += 1;
    else if (isDigit(first)) while (isDigit(text.charCodeAt(at))) at += 1;
    else {
      this.at = at;
      this.fail('invalid number');
    }
    if (text.charCodeAt(at) === DOT) {
      at += 1;
      if (!isDigit(text.charCodeAt(at))) {
        this.at = at;
        this.fail('invalid number');
      }
      while (isDigit(text.charCodeAt(at))) at += 1;
    }
    const exponent = text.charCodeAt(at);
    if (exponent === 0x65 || exponent === 0x45) {
      at += 1;
      const sign = text.charCodeAt(at);
      if (sign === PLUS || sign === MINUS) at += 1;
      if (!isDigit(text.charCodeAt(at))) {
        this.at = at;
        this.fail('invalid number');
      }
      while (isDigit(text.charCodeAt(at))) at += 1;
    }
    this.at = at;
    return Number(text.slice(start, at));
  }
}

/**
 * Parses JSON text strictly: the RFC 8259 grammar, no duplicate key in any object, every string
 * well-formed Unicode (no lone surrogate, escaped or not). Throws StrictJsonError naming the problem,
 * the keys leading to it and the column.
 */
export const parseStrictJson = (text: string): unknown => new Parser(text).parse();
