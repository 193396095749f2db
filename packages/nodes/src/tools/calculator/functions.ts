/** A function the calculator knows: how many arguments it takes, and what it computes. */
export interface CalculatorFunction {
  minArgs: number;
  maxArgs: number;
  /** How it is written, for messages: `round(x, digits?)`. */
  signature: string;
  apply(args: number[]): number;
}

const one = (signature: string, fn: (x: number) => number): CalculatorFunction => ({
  minArgs: 1,
  maxArgs: 1,
  signature,
  apply: ([x = Number.NaN]) => fn(x),
});

// Maps, not object literals: a name like "constructor" must not find Object.prototype's.
/** Functions by lower-case name. Trigonometry is in radians; `log` is base 10 (or base b). */
export const FUNCTIONS: ReadonlyMap<string, CalculatorFunction> = new Map(
  Object.entries({
    sqrt: one('sqrt(x)', Math.sqrt),
    abs: one('abs(x)', Math.abs),
    floor: one('floor(x)', Math.floor),
    ceil: one('ceil(x)', Math.ceil),
    ln: one('ln(x)', Math.log),
    exp: one('exp(x)', Math.exp),
    sin: one('sin(x)', Math.sin),
    cos: one('cos(x)', Math.cos),
    tan: one('tan(x)', Math.tan),
    round: {
      minArgs: 1,
      maxArgs: 2,
      signature: 'round(x, digits?)',
      apply: ([x = Number.NaN, digits = 0]) => roundTo(x, digits),
    },
    min: { minArgs: 1, maxArgs: Infinity, signature: 'min(a, b, …)', apply: (args) => Math.min(...args) },
    max: { minArgs: 1, maxArgs: Infinity, signature: 'max(a, b, …)', apply: (args) => Math.max(...args) },
    pow: {
      minArgs: 2,
      maxArgs: 2,
      signature: 'pow(x, y)',
      apply: ([x = Number.NaN, y = Number.NaN]) => x ** y,
    },
    log: {
      minArgs: 1,
      maxArgs: 2,
      signature: 'log(x, base?)',
      apply: ([x = Number.NaN, base]) => (base === undefined ? Math.log10(x) : Math.log(x) / Math.log(base)),
    },
  }),
);

/** Named constants by lower-case name. */
export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
]);

// Half away from zero, as people round (Math.round sends -2.5 to -2); toPrecision(15) first
// removes the binary noise that makes 1.005 * 100 come out as 100.49999999999999.
function roundTo(x: number, digits: number): number {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) return Number.NaN;
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / factor;
}
