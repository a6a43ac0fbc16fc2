// The strict parser auditors' lines go through: what JSON.parse accepts silently (a duplicate key, a
// lone surrogate) is an error naming where it is; everything else parses exactly as JSON.parse does.
import { parseStrictJson, StrictJsonError } from '../../lib/strict-json';

const problemOf = (text: string) => {
  try {
    parseStrictJson(text);
  } catch (error) {
    if (error instanceof StrictJsonError) return error.message;
    throw error;
  }
  return undefined;
};

describe('the strict JSON parser', () => {
  it.each([
    ['{"a":1,"a":2}', 'duplicate key "a" at column 8'],
    [
      '{"Item":{"details":{"M":{"r":{"S":"x"},"r":{"S":"y"}}}}}',
      'duplicate key "r" in "Item" > "details" > "M"',
    ],
    ['{"a":[{"b":1},{"c":1,"c":2}]}', 'duplicate key "c" in "a" > "1"'],
    ['{"type":1,"t\\u0079pe":2}', 'duplicate key "type"'],
    ['{"s":"lost \\ud800 x"}', 'lone surrogate \\ud800: not well-formed Unicode in "s"'],
    ['{"s":"\\udc00"}', 'lone surrogate \\udc00'],
    ['{"s":"\\ud800\\u0041"}', 'lone surrogate \\ud800'],
    ['{"s":"\ud800"}', 'lone surrogate: not well-formed Unicode'],
    ['{"s":"a\nb"}', 'a control character inside a string must be escaped'],
    ['{"a":1,}', 'expected a quoted key'],
    ['[01]', 'expected "," or "]"'],
    ['{"a":1} x', 'unexpected text after the JSON value'],
    ['{"s":"\\x"}', 'invalid escape \\x'],
    ['[1.]', 'invalid number'],
    ['{"a":tru}', 'not a JSON value'],
  ])('refuses %s', (text, problem) => {
    expect(problemOf(text)).toEqual(expect.stringContaining(problem));
  });

  it('parses what JSON.parse parses, to the same value', () => {
    const samples = [
      '{"Item":{"subject":{"S":"customer#c-1"},"seq":{"N":"17"},"details":{"M":{"reasons":{"L":[]}}}}}',
      '[1,-0,0.5,1e3,-2.5E-3,123456789012345678901234567890,true,false,null,""]',
      '{"s":"tab\\t quote\\" slash\\/ back\\\\ uni\\u00e9 pair\\ud83d\\ude00 raw😀 é"}',
      ' { "spaced" : [ 1 , { } , [ ] ] } ',
      '{"__proto__":{"polluted":true},"constructor":1}',
    ];
    for (const text of samples) expect(parseStrictJson(text)).toEqual(JSON.parse(text));
    const proto = parseStrictJson('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
    expect(Object.keys(proto)).toEqual(['__proto__']);
  });

  it('refuses nesting deep enough to exhaust the stack, with an error instead of a crash', () => {
    expect(problemOf(`${'['.repeat(10000)}${']'.repeat(10000)}`)).toMatch(/nested deeper than 256/);
  });
});
