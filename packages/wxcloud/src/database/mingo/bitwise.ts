/**
 * Bitwise query operators as MongoDB defines them: the field is an integral number (two's
 * complement, sign-extended: a negative number has every high bit set) or binary data (bit 0 is
 * the lowest bit of the first byte); the mask is a number, an array of bit positions or binary
 * data. Other values (non-integral numbers, strings...) never match. mingo ignored binary data.
 */
import type { Any, AnyObject, Options } from 'mingo/types/types';
import { resolve } from 'mingo/util';

interface BinaryLike {
  _bsontype: 'Binary';
  buffer: Uint8Array;
}

const isBinary = (value: unknown): value is BinaryLike =>
  (value as { _bsontype?: unknown } | null)?._bsontype === 'Binary';

function maskPositions(mask: Any): number[] {
  if (Array.isArray(mask)) {
    if (!mask.every((position) => Number.isInteger(position) && (position as number) >= 0))
      throw new Error('bit positions must be nonnegative integers');
    return mask as number[];
  }
  if (typeof mask === 'number') {
    if (!Number.isInteger(mask) || mask < 0) throw new Error('a bitmask must be a nonnegative integer');
    return bitsOfInteger(BigInt(mask), 64);
  }
  if (isBinary(mask)) return bitsOfBytes(mask.buffer);
  throw new Error('a bitmask must be a number, an array of bit positions or binary data');
}

function bitsOfInteger(value: bigint, width: number): number[] {
  const positions: number[] = [];
  for (let bit = 0; bit < width; bit += 1) if ((value >> BigInt(bit)) & 1n) positions.push(bit);
  return positions;
}

function bitsOfBytes(bytes: Uint8Array): number[] {
  const positions: number[] = [];
  bytes.forEach((byte, index) => {
    for (let bit = 0; bit < 8; bit += 1) if (byte & (1 << bit)) positions.push(index * 8 + bit);
  });
  return positions;
}

/** Whether bit `position` of a field value is set, or undefined when the value cannot be tested. */
function bitTester(value: unknown): ((position: number) => boolean) | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    const big = BigInt.asUintN(64, BigInt(value));
    return (position) => (position >= 64 ? value < 0 : ((big >> BigInt(position)) & 1n) === 1n);
  }
  if (isBinary(value)) {
    const bytes = value.buffer;
    return (position) => ((bytes[position >> 3] ?? 0) & (1 << (position & 7))) !== 0;
  }
  return undefined;
}

function bitwise(test: (isSet: (position: number) => boolean, positions: number[]) => boolean) {
  return (selector: string, mask: Any, _options: Options) => {
    const positions = maskPositions(mask);
    return (doc: AnyObject): boolean => {
      const isSet = bitTester(resolve(doc, selector));
      return isSet !== undefined && test(isSet, positions);
    };
  };
}

export const bitwiseQueryOperators = {
  $bitsAllSet: bitwise((isSet, positions) => positions.every(isSet)),
  $bitsAnySet: bitwise((isSet, positions) => positions.some(isSet)),
  $bitsAllClear: bitwise((isSet, positions) => positions.every((position) => !isSet(position))),
  $bitsAnyClear: bitwise((isSet, positions) => positions.some((position) => !isSet(position))),
};
