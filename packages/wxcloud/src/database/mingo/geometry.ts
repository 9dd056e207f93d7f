/**
 * GeoJSON geometry relations on the sphere, delegated to Turf: distance from a point to any
 * geometry (Point, LineString, Polygon and their Multi forms), within, intersects. Distances are
 * in meters on MongoDB's Earth radius (6378.1 km), so `$centerSphere` radians and `$maxDistance`
 * meters agree with the service.
 */
import booleanIntersects from '@turf/boolean-intersects';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import booleanWithin from '@turf/boolean-within';
import distance from '@turf/distance';
import pointToLineDistance from '@turf/point-to-line-distance';
import type { Geometry, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';

/** MongoDB's radius of the Earth, in meters. */
export const EARTH_RADIUS_M = 6_378_100;

const TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon']);

/** A GeoJSON geometry as the SDK stores it, or undefined for anything else. */
export function asGeometry(value: unknown): Geometry | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { type, coordinates } = value as { type?: unknown; coordinates?: unknown };
  return typeof type === 'string' && TYPES.has(type) && Array.isArray(coordinates) ? (value as Geometry) : undefined;
}

/** A point given as GeoJSON or as a legacy `[lng, lat]` pair. */
export function asPosition(value: unknown): Position | undefined {
  if (Array.isArray(value) && value.length === 2 && value.every((item) => typeof item === 'number'))
    return value as Position;
  const geometry = asGeometry(value);
  return geometry?.type === 'Point' ? geometry.coordinates : undefined;
}

type Simple = Point | LineString | Polygon;

/** The single geometries a geometry is made of. */
function parts(geometry: Geometry): Simple[] {
  switch (geometry.type) {
    case 'MultiPoint':
      return geometry.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
    case 'MultiLineString':
      return geometry.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
    case 'MultiPolygon':
      return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
    case 'Point':
    case 'LineString':
    case 'Polygon':
      return [geometry];
    default:
      return [];
  }
}

const radians = { units: 'radians' } as const;

/** Shortest distance in meters from `from` to `geometry` (0 inside a polygon). */
export function distanceTo(from: Position, geometry: Geometry): number {
  let best = Infinity;
  for (const part of parts(geometry)) {
    if (part.type === 'Point') best = Math.min(best, distance(from, part.coordinates, radians) * EARTH_RADIUS_M);
    if (part.type === 'LineString')
      best = Math.min(best, pointToLineDistance(from, part, { units: 'radians', method: 'geodesic' }) * EARTH_RADIUS_M);
    if (part.type === 'Polygon') {
      if (booleanPointInPolygon(from, part)) return 0;
      for (const ring of part.coordinates)
        best = Math.min(best, distanceTo(from, { type: 'LineString', coordinates: ring }));
    }
  }
  return best;
}

/** Whether every point of `geometry` lies within `radiusRadians` of `center` (`$centerSphere`). */
export function withinCircle(geometry: Geometry, center: Position, radiusRadians: number): boolean {
  const vertices = parts(geometry).flatMap((part): Position[] =>
    part.type === 'Point'
      ? [part.coordinates]
      : part.type === 'LineString'
        ? part.coordinates
        : part.coordinates.flat(),
  );
  return vertices.length > 0 && vertices.every((vertex) => distance(center, vertex, radians) <= radiusRadians);
}

/** Whether `geometry` lies within the (Multi)Polygon `container` (`$geoWithin` with `$geometry`). */
export function withinPolygon(geometry: Geometry, container: Polygon | MultiPolygon): boolean {
  const areas = parts(container) as Polygon[];
  return parts(geometry).every((part) =>
    areas.some((area) =>
      part.type === 'Point' ? booleanPointInPolygon(part.coordinates, area) : booleanWithin(part, area),
    ),
  );
}

/** Whether two geometries share at least one point (`$geoIntersects`). */
export function intersects(a: Geometry, b: Geometry): boolean {
  return booleanIntersects(a, b);
}
