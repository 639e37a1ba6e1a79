/** The value of each lowercase hex digit by char code, -1 for every other char below 128. */
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX_VALUE['0123456789abcdef'.charCodeAt(d)] = d;

/**
 * The value of a lowercase hex digit given its char code, or -1 (any other char, and NaN, which
 * `charCodeAt` gives past the end). Ids are parsed by loops over this: a regular expression and a
 * native hex write cost about three times as much.
 */
export function lowercaseHexDigit(code: number): number {
  return code < 128 ? HEX_VALUE[code] : -1;
}
