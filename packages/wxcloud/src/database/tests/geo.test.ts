/**
 * Geo queries through wx-server-sdk's own commands: every GeoJSON type stored and read back,
 * `geoNear` (sorted by distance, min and max distance), `geoWithin` (Polygon, MultiPolygon,
 * centerSphere), `geoIntersects`, and the `$geoNear` aggregation stage. Expected distances are
 * MongoDB's: great-circle meters on a 6378.1 km Earth (0.01 degree of the equator = 1113.19 m).
 */
import { useEmulator, type TestDatabase } from '../../../test-support/use-emulator';

const emu = useEmulator({ collections: ['places'] });
const M_PER_DEGREE = (Math.PI / 180) * 6_378_100;

function places(db: TestDatabase): Record<string, unknown>[] {
  const { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon } = db.Geo;
  const ring = (x0: number, y0: number, x1: number, y1: number) =>
    new LineString([new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1), new Point(x0, y0)]);
  return [
    { _id: 'p0', kind: 'point', loc: new Point(0, 0) },
    { _id: 'p1', kind: 'point', loc: new Point(0.01, 0) },
    { _id: 'p2', kind: 'point', loc: new Point(0.02, 0) },
    { _id: 'p5', kind: 'point', loc: new Point(0.05, 0) },
    { _id: 'line', kind: 'line', loc: new LineString([new Point(0.03, -1), new Point(0.03, 1)]) },
    { _id: 'poly', kind: 'area', loc: new Polygon([ring(0.09, -0.01, 0.11, 0.01)]) },
    { _id: 'mpoint', kind: 'points', loc: new MultiPoint([new Point(0.04, 0), new Point(1, 1)]) },
    {
      _id: 'mline',
      kind: 'lines',
      loc: new MultiLineString([
        new LineString([new Point(2, 2), new Point(2, 3)]),
        new LineString([new Point(0.2, -1), new Point(0.2, 1)]),
      ]),
    },
    {
      _id: 'mpoly',
      kind: 'areas',
      loc: new MultiPolygon([new Polygon([ring(5, 5, 6, 6)]), new Polygon([ring(-0.3, -0.1, -0.2, 0.1)])]),
    },
  ];
}

async function ids(db: TestDatabase, where: object): Promise<string[]> {
  const res = await db.collection('places').where(where).get();
  return (res.data as { _id: string }[]).map((doc) => doc._id);
}

beforeEach(async () => {
  const db = emu.database();
  await db.collection('places').add({ data: places(db) });
});

test("every GeoJSON type is stored and read back as the SDK's Geo objects", async () => {
  const db = emu.database();
  const stored = (await db.collection('places').orderBy('_id', 'asc').get()).data as {
    _id: string;
    loc: { toJSON(): unknown };
  }[];
  const written = Object.fromEntries(places(db).map((doc) => [doc._id, (doc.loc as { toJSON(): unknown }).toJSON()]));
  expect(stored).toHaveLength(9);
  for (const doc of stored) expect(doc.loc.toJSON()).toEqual(written[doc._id]);
  expect(stored.map((doc) => doc.loc.constructor.name)).toEqual([
    'LineString',
    'MultiLineString',
    'MultiPoint',
    'MultiPolygon',
    'Point',
    'Point',
    'Point',
    'Point',
    'Polygon',
  ]);
});

test('geoNear returns documents nearest first, within min and max distance, whatever their geometry', async () => {
  const db = emu.database();
  const _ = db.command;
  const origin = new db.Geo.Point(0, 0);
  expect(await ids(db, { loc: _.geoNear({ geometry: origin, maxDistance: 5000 }) })).toEqual([
    'p0',
    'p1',
    'p2',
    'line',
    'mpoint',
  ]);
  expect(await ids(db, { loc: _.geoNear({ geometry: origin, minDistance: 1500, maxDistance: 5000 }) })).toEqual([
    'p2',
    'line',
    'mpoint',
  ]);
  expect(await ids(db, { loc: _.geoNear({ geometry: new db.Geo.Point(0.1, 0) }), kind: _.neq('point') })).toEqual([
    'poly',
    'mpoint',
    'line',
    'mline',
    'mpoly',
  ]);
  expect(await ids(db, { loc: _.geoNear({ geometry: origin, maxDistance: 1113 }) })).toEqual(['p0']);
  expect(await ids(db, { loc: _.geoNear({ geometry: origin, maxDistance: 1114 }) })).toEqual(['p0', 'p1']);
});

test('geoWithin a Polygon, a MultiPolygon and a centerSphere', async () => {
  const db = emu.database();
  const _ = db.command;
  const { Point, LineString, Polygon, MultiPolygon } = db.Geo;
  const square = (x0: number, y0: number, x1: number, y1: number) =>
    new Polygon([
      new LineString([new Point(x0, y0), new Point(x1, y0), new Point(x1, y1), new Point(x0, y1), new Point(x0, y0)]),
    ]);
  const sorted = async (where: object) => (await ids(db, where)).sort();
  expect(await sorted({ loc: _.geoWithin({ geometry: square(-0.015, -0.015, 0.015, 0.015) }) })).toEqual(['p0', 'p1']);
  const both = new MultiPolygon([square(-0.015, -0.015, 0.015, 0.015), square(0.085, -0.015, 0.115, 0.015)]);
  expect(await sorted({ loc: _.geoWithin({ geometry: both }) })).toEqual(['p0', 'p1', 'poly']);
  expect(await sorted({ loc: _.geoWithin({ centerSphere: [new Point(0, 0), 2500 / 6_378_100] }) })).toEqual([
    'p0',
    'p1',
    'p2',
  ]);
  expect(await sorted({ loc: _.geoWithin({ centerSphere: [[0.1, 0], (0.02 / 180) * Math.PI] }) })).toEqual(['poly']);
});

test('geoIntersects with a LineString and a Polygon', async () => {
  const db = emu.database();
  const _ = db.command;
  const { Point, LineString, Polygon } = db.Geo;
  const equator = new LineString([new Point(-0.005, 0), new Point(0.035, 0)]);
  expect((await ids(db, { loc: _.geoIntersects({ geometry: equator }) })).sort()).toEqual(['line', 'p0', 'p1', 'p2']);
  const band = new Polygon([
    new LineString([
      new Point(-0.25, -0.05),
      new Point(0.1, -0.05),
      new Point(0.1, 0.05),
      new Point(-0.25, 0.05),
      new Point(-0.25, -0.05),
    ]),
  ]);
  expect((await ids(db, { loc: _.geoIntersects({ geometry: band }) })).sort()).toEqual([
    'line',
    'mpoint',
    'mpoly',
    'p0',
    'p1',
    'p2',
    'p5',
    'poly',
  ]);
});

test(
  "$geoNear distances are MongoDB's to the last digit: the service's " + 'documented example and longer ones',
  async () => {
    const db = emu.database();
    await db.createCollection('nyc');
    const { Point } = db.Geo;
    await db.collection('nyc').add({
      data: [
        { _id: 1, name: 'Central Park', category: 'Parks', location: new Point(-73.97, 40.77) },
        { _id: 2, name: 'Sara D. Roosevelt Park', category: 'Parks', location: new Point(-73.9928, 40.7193) },
        { _id: 3, name: 'Polo Grounds', category: 'Stadiums', location: new Point(-73.9375, 40.8303) },
      ],
    });
    const documented = await db
      .collection('nyc')
      .aggregate()
      .geoNear({
        near: new Point(-73.99279, 40.719296),
        spherical: true,
        maxDistance: 2,
        query: { category: 'Parks' },
        distanceField: 'dist.calculated',
        includeLocs: 'dist.location',
      })
      .end();
    expect(documented.list).toEqual([
      expect.objectContaining({
        _id: 2,
        dist: {
          calculated: 0.9539931676365992,
          location: expect.objectContaining({ coordinates: [-73.9928, 40.7193] }),
        },
      }),
    ]);
    const all = await db
      .collection('nyc')
      .aggregate()
      .geoNear({ near: new Point(-73.99279, 40.719296), spherical: true, distanceField: 'd' })
      .project({ d: 1 })
      .end();
    // Computed with correctly rounded sin, cos and atan2 in 70-digit decimal arithmetic, by MongoDB's formula.
    expect(all.list).toEqual([
      { _id: 2, d: 0.9539931676365992 },
      { _id: 1, d: 5962.597839230235 },
      { _id: 3, d: 13206.654550172163 },
    ]);
    await db.collection('nyc').add({
      data: [
        { _id: 4, location: new Point(116.4074, 39.9042) },
        { _id: 5, location: new Point(113.3246, 23.1064) },
      ],
    });
    const shanghai = await db
      .collection('nyc')
      .aggregate()
      .geoNear({ near: new Point(121.4737, 31.2304), spherical: true, distanceField: 'd', query: { _id: 4 } })
      .end();
    const guangzhou = await db
      .collection('nyc')
      .aggregate()
      .geoNear({ near: new Point(113.3245, 23.1064), spherical: true, distanceField: 'd', query: { _id: 5 } })
      .end();
    expect([shanghai.list[0].d, guangzhou.list[0].d]).toEqual([1068499.6077837578, 10.238858757832901]);
  },
);

test(
  'the $geoNear aggregation stage adds the distance, filters by query ' + 'and distance, and includes the location',
  async () => {
    const db = emu.database();
    const res = await db
      .collection('places')
      .aggregate()
      .geoNear({
        near: new db.Geo.Point(0, 0),
        spherical: true,
        distanceField: 'dist',
        maxDistance: 2500,
        query: { kind: 'point' },
        includeLocs: 'where',
        key: 'loc',
      })
      .project({ dist: 1, where: 1 })
      .end();
    const list = res.list as { _id: string; dist: number; where: { coordinates: number[] } }[];
    expect(list.map((doc) => doc._id)).toEqual(['p0', 'p1', 'p2']);
    list.forEach((doc, index) => expect(Math.abs(doc.dist - index * 0.01 * M_PER_DEGREE)).toBeLessThan(0.01));
    expect(list[2]?.where.coordinates).toEqual([0.02, 0]);
    const line = await db
      .collection('places')
      .aggregate()
      .geoNear({ near: new db.Geo.Point(0, 0), spherical: true, distanceField: 'd', query: { kind: 'line' } })
      .end();
    expect(Math.abs((line.list[0] as { d: number }).d - 0.03 * M_PER_DEGREE)).toBeLessThan(1);
    await expect(
      db
        .collection('places')
        .aggregate()
        .match({})
        .geoNear({ near: new db.Geo.Point(0, 0), distanceField: 'd' })
        .end(),
    ).rejects.toThrow(/first stage/);
  },
);
