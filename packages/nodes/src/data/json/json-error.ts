// Where JSON text goes wrong. V8's JSON.parse names a position for some mistakes only
// ("Unexpected token 'a', "abc" is not valid JSON" has none), so failed text is re-scanned here.

/** The offset of the first syntax error in `text` and what was expected there, or undefined when it parses. */
export function findJsonError(text: string): { position: number; expected: string } | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i += 1;
  };
  const fail = (expected: string): never => {
    throw { position: i, expected };
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    i += 1;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i += 1;
        return;
      }
      if (c < ' ') fail('no control characters inside a string');
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape with 4 hex digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== '') i += 2;
        else fail('a valid escape');
      } else i += 1;
    }
    fail('a closing "');
  };
  const value = (depth: number): void => {
    if (depth > 2000) fail('less nesting');
    ws();
    const c = text[i];
    if (c === '{') {
      i += 1;
      ws();
      if (text[i] === '}') return void (i += 1);
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a double-quoted property name');
        string();
        ws();
        if (text[i] !== ':') fail("':' after the property name");
        i += 1;
        value(depth + 1);
        ws();
        if (text[i] === '}') return void (i += 1);
        if (text[i] !== ',') fail("',' or '}'");
        i += 1;
      }
    }
    if (c === '[') {
      i += 1;
      ws();
      if (text[i] === ']') return void (i += 1);
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ']') return void (i += 1);
        if (text[i] !== ',') fail("',' or ']'");
        i += 1;
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number) fail(i >= text.length ? 'a value, but the text ended' : 'a value');
    i += (number as RegExpExecArray)[0].length;
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail('the end of the text');
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'position' in error) return error as { position: number; expected: string };
    throw error;
  }
}
