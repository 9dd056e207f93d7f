/**
 * Geo query operators and the `$geoNear` stage, as the SDK sends them (`_.geoNear` becomes
 * `$nearSphere`, `_.geoWithin` `$geoWithin` with `$geometry` or `$centerSphere`, `_.geoIntersects`
 * `$geoIntersects`, `db.aggregate().geoNear()` the `$geoNear` stage). Distances are meters.
 * `$near` / `$nearSphere` filter here by min/max distance; the query engine sorts by distance.
 * Legacy planar forms (`$box`, `$polygon`, `$center`) are refused.
 */
import { Query } from 'mingo/query';
import type { Any, AnyObject, Options } from 'mingo/types/types';
import { resolve } from 'mingo/util';
import type { Position } from 'geojson';
import {
  asGeometry,
  asPosition,
  distanceTo,
  EARTH_RADIUS_M,
  intersects,
  withinCircle,
  withinPolygon,
} from './geometry';

export interface NearSpec {
  field: string;
  center: Position;
  minDistance: number;
  maxDistance: number;
}

const isObject = (value: unknown): value is AnyObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The `$near` / `$nearSphere` condition of a filter's top level, if any. */
export function findNear(filter: AnyObject): NearSpec | undefined {
  for (const [field, condition] of Object.entries(filter)) {
    if (field.startsWith('$') || !isObject(condition)) continue;
    const spec = condition.$nearSphere ?? condition.$near;
    if (spec !== undefined) return parseNear(field, spec, condition);
  }
  return undefined;
}

function parseNear(field: string, spec: unknown, condition: AnyObject): NearSpec {
  const geometry = isObject(spec) && '$geometry' in spec ? spec.$geometry : spec;
  const center = asPosition(geometry);
  if (!center) throw new Error('$nearSphere needs a GeoJSON Point ($geometry) or [longitude, latitude]');
  const options = isObject(spec) && '$geometry' in spec ? spec : condition;
  const legacy = !(isObject(spec) && '$geometry' in spec);
  const meters = (value: unknown, fallback: number): number => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'number' || value < 0)
      throw new Error('$minDistance and $maxDistance must be nonnegative numbers');
    return legacy ? value * EARTH_RADIUS_M : value;
  };
  return {
    field,
    center,
    minDistance: meters(options.$minDistance, 0),
    maxDistance: meters(options.$maxDistance, Infinity),
  };
}

/** Distance in meters from the near point to a document's geometry, or undefined when it has none. */
export function nearDistance(doc: AnyObject, near: Pick<NearSpec, 'field' | 'center'>): number | undefined {
  const geometry = asGeometry(resolve(doc, near.field));
  return geometry ? distanceTo(near.center, geometry) : undefined;
}

function $nearSphere(selector: string, value: Any, _options: Options) {
  const near = parseNear(selector, value, {});
  return (doc: AnyObject): boolean => {
    const meters = nearDistance(doc, near);
    return meters !== undefined && meters >= near.minDistance && meters <= near.maxDistance;
  };
}

function $geoWithin(selector: string, value: Any, _options: Options) {
  if (!isObject(value)) throw new Error('$geoWithin needs an object');
  if ('$centerSphere' in value) {
    const [centerValue, radius] = Array.isArray(value.$centerSphere) ? value.$centerSphere : [];
    const center = asPosition(centerValue);
    if (!center || typeof radius !== 'number' || radius < 0)
      throw new Error('$centerSphere needs [[longitude, latitude], radius in radians]');
    return (doc: AnyObject) => {
      const geometry = asGeometry(resolve(doc, selector));
      return geometry !== undefined && withinCircle(geometry, center, radius);
    };
  }
  const container = asGeometry(value.$geometry);
  if (!container || (container.type !== 'Polygon' && container.type !== 'MultiPolygon')) {
    throw new Error(
      `$geoWithin supports $geometry (Polygon or MultiPolygon) and ` +
        `$centerSphere only, got ${Object.keys(value).join(', ')}`,
    );
  }
  return (doc: AnyObject) => {
    const geometry = asGeometry(resolve(doc, selector));
    return geometry !== undefined && withinPolygon(geometry, container);
  };
}

function $geoIntersects(selector: string, value: Any, _options: Options) {
  const other = isObject(value) ? asGeometry(value.$geometry) : undefined;
  if (!other) throw new Error('$geoIntersects needs a GeoJSON $geometry');
  return (doc: AnyObject) => {
    const geometry = asGeometry(resolve(doc, selector));
    return geometry !== undefined && intersects(geometry, other);
  };
}

export const geoQueryOperators = {
  $near: $nearSphere,
  $nearSphere,
  $geoWithin,
  $geoIntersects,
};

export interface GeoNearStage {
  near?: unknown;
  distanceField?: unknown;
  key?: unknown;
  query?: unknown;
  minDistance?: unknown;
  maxDistance?: unknown;
  includeLocs?: unknown;
  distanceMultiplier?: unknown;
}

/** The field `$geoNear` measures: `key`, else the document's first top-level geometry. */
function locationField(doc: AnyObject, key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  return Object.keys(doc).find((field) => asGeometry(doc[field]) !== undefined);
}

/** The `$geoNear` stage over an in-memory list (it must be the first stage, as in MongoDB). */
export function geoNearStage(docs: AnyObject[], stage: GeoNearStage, options: Partial<Options>): AnyObject[] {
  const spec = parseNear(
    '',
    { $geometry: Array.isArray(stage.near) ? { type: 'Point', coordinates: stage.near } : stage.near },
    {},
  );
  const min = stage.minDistance === undefined ? 0 : Number(stage.minDistance);
  const max = stage.maxDistance === undefined ? Infinity : Number(stage.maxDistance);
  if (typeof stage.distanceField !== 'string' || stage.distanceField === '')
    throw new Error('$geoNear requires a distanceField');
  const multiplier = stage.distanceMultiplier === undefined ? 1 : Number(stage.distanceMultiplier);
  const query = isObject(stage.query) ? new Query(stage.query, options) : undefined;
  const found: { doc: AnyObject; meters: number; field: string }[] = [];
  for (const doc of docs) {
    const field = locationField(doc, stage.key);
    if (!field || (query && !query.test(doc))) continue;
    const meters = nearDistance(doc, { field, center: spec.center });
    if (meters !== undefined && meters >= min && meters <= max) found.push({ doc, meters, field });
  }
  found.sort((a, b) => a.meters - b.meters);
  return found.map(({ doc, meters, field }) => {
    const out = withField(doc, stage.distanceField as string, meters * multiplier);
    return typeof stage.includeLocs === 'string' ? withField(out, stage.includeLocs, resolve(doc, field)) : out;
  });
}

/**
 * A copy of `doc` with `value` at a dotted path (`dist.calculated` makes `{ dist: { calculated } }`, as in MongoDB).
 */
function withField(doc: AnyObject, path: string, value: unknown): AnyObject {
  const out: AnyObject = { ...doc };
  const names = path.split('.');
  let node = out;
  for (const name of names.slice(0, -1)) {
    const next: AnyObject = isObject(node[name]) ? { ...(node[name] as AnyObject) } : {};
    node[name] = next;
    node = next;
  }
  node[names[names.length - 1] as string] = value;
  return out;
}
