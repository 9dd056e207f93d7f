/**
 * The angle between two points as MongoDB measures it for `$geoNear` and `$nearSphere` (S2, in
 * C++): each [lng, lat] in degrees becomes the unit vector of S2LatLng::FromDegrees(lat, lng)
 * .ToPoint(), and the angle is atan2(|a × b|, a · b). Near points make that cross product cancel,
 * so one last-bit difference in a sine or cosine shows in the ninth digit of the distance: V8's
 * Math.sin / cos / atan2 are not correctly rounded and differ from the C library there (about one
 * call in fifteen). These are correctly rounded, computed in double-double arithmetic, as the C
 * library MongoDB was built against computes them; with them the service's documented example
 * (0.9539931676365992 m) comes out to the last digit.
 */
import type { Position } from 'geojson';

type DoubleDouble = [number, number];

const SPLITTER = 134217729; // 2^27 + 1
/** π/2 as the sum of three doubles. */
const HALF_PI: [number, number, number] = [1.5707963267948966, 6.123233995736766e-17, -1.4973849048591698e-33];

function twoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  const virtual = sum - a;
  return [sum, a - (sum - virtual) + (b - virtual)];
}

function quickTwoSum(a: number, b: number): DoubleDouble {
  const sum = a + b;
  return [sum, b - (sum - a)];
}

function twoProduct(a: number, b: number): DoubleDouble {
  const product = a * b;
  const [ah, al] = splitDouble(a);
  const [bh, bl] = splitDouble(b);
  return [product, ah * bh - product + ah * bl + al * bh + al * bl];
}

function splitDouble(a: number): DoubleDouble {
  const scaled = SPLITTER * a;
  const high = scaled - (scaled - a);
  return [high, a - high];
}

function add(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [sum, error] = twoSum(a[0], b[0]);
  return quickTwoSum(sum, error + a[1] + b[1]);
}

function multiply(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [product, error] = twoProduct(a[0], b[0]);
  return quickTwoSum(product, error + a[0] * b[1] + a[1] * b[0]);
}

function divide(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const first = a[0] / b[0];
  const remainder = add(a, multiply([-first, 0], b));
  return quickTwoSum(first, remainder[0] / b[0]);
}

function squareRoot(a: DoubleDouble): DoubleDouble {
  if (a[0] <= 0) return [0, 0];
  const root = Math.sqrt(a[0]);
  const remainder = add(a, multiply([-root, 0], [root, 0]));
  return quickTwoSum(root, remainder[0] / (2 * root));
}

/** Σ (−1)^i x^(2i+first) / (2i+first)! (sine: first 1; cosine: first 0), for |x| ≤ π/4. */
function taylor(x: DoubleDouble, first: 0 | 1): number {
  const square = multiply(x, x);
  let term: DoubleDouble = first === 1 ? x : [1, 0];
  let sum = term;
  // Until the terms fall below the last bit of a double-double (2^-106 of the sum).
  for (let n = first; Math.abs(term[0]) > 1e-32 * Math.abs(sum[0]); n += 2) {
    term = divide(multiply(term, square), [-(n + 1) * (n + 2), 0]);
    sum = add(sum, term);
  }
  return sum[0] + sum[1];
}

/** sin and cos of x (|x| ≤ 2π), correctly rounded. */
function sinCos(x: number): { sin: number; cos: number } {
  const quarter = Math.round(x / HALF_PI[0]);
  // |quarter| ≤ 4, so quarter × each part is exact.
  const reduced = add(add(twoSum(x, -quarter * HALF_PI[0]), [-quarter * HALF_PI[1], 0]), [-quarter * HALF_PI[2], 0]);
  const sine = taylor(reduced, 1);
  const cosine = taylor(reduced, 0);
  switch (((quarter % 4) + 4) % 4) {
    case 0:
      return { sin: sine, cos: cosine };
    case 1:
      return { sin: cosine, cos: -sine };
    case 2:
      return { sin: -sine, cos: -cosine };
    default:
      return { sin: -cosine, cos: sine };
  }
}

/** atan(z) for z ≥ 0 in double-double: halve the angle until it is small, then the series. */
function arctangent(z: DoubleDouble): DoubleDouble {
  let halvings = 0;
  let t = z;
  while (t[0] > 0.125) {
    t = divide(t, add([1, 0], squareRoot(add([1, 0], multiply(t, t)))));
    halvings += 1;
  }
  const square = multiply(t, t);
  let power = t;
  let sum = t;
  for (let n = 3; Math.abs(power[0]) > 1e-32 * Math.abs(sum[0]); n += 2) {
    power = multiply(power, [-square[0], -square[1]]);
    sum = add(sum, divide(power, [n, 0]));
  }
  return multiply(sum, [2 ** halvings, 0]);
}

/** atan2(y, x) for y ≥ 0, correctly rounded. */
function atan2(y: number, x: number): number {
  if (x === 0) return HALF_PI[0];
  if (x > 0) {
    const angle = arctangent(divide([y, 0], [x, 0]));
    return angle[0] + angle[1];
  }
  const pi: DoubleDouble = [2 * HALF_PI[0], 2 * HALF_PI[1]];
  const angle = add(pi, multiply([-1, 0], arctangent(divide([y, 0], [-x, 0]))));
  return angle[0] + angle[1];
}

type Vector = [number, number, number];

// A query measures every document from one center: its vector is kept for the next call.
let lastPosition: Position | undefined;
let lastVector: Vector = [0, 0, 0];

function unitVector(position: Position): Vector {
  if (lastPosition && lastPosition[0] === position[0] && lastPosition[1] === position[1]) return lastVector;
  const phi = sinCos((position[1] as number) * (Math.PI / 180));
  const theta = sinCos((position[0] as number) * (Math.PI / 180));
  lastPosition = [position[0] as number, position[1] as number];
  lastVector = [theta.cos * phi.cos, theta.sin * phi.cos, phi.sin];
  return lastVector;
}

/** The angle in radians between two [lng, lat] positions, as MongoDB computes it. */
export function angleBetween(from: Position, to: Position): number {
  const [ax, ay, az] = unitVector(from);
  const [bx, by, bz] = unitVector(to);
  const cross = [ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx] as const;
  const norm = Math.sqrt(cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]);
  return atan2(norm, ax * bx + ay * by + az * bz);
}
