/**
 * The `$jsonSchema` query operator's validator: MongoDB's dialect (JSON Schema draft 4 plus
 * `bsonType`, without `$ref`, `$schema`, `default`, `definitions`, `format` and `id`), checked by
 * Ajv. Numbers are plain JS numbers inside the emulator, so `int` / `long` mean an integral number
 * and `double` / `decimal` / `number` any number.
 */
import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import { ObjectId } from 'bson';
import type { AnyObject } from 'mingo/types/types';

const UNSUPPORTED = ['$ref', '$schema', 'default', 'definitions', 'format', 'id'];

const BSON_TYPES: Record<string, (value: unknown) => boolean> = {
  double: (value) => typeof value === 'number',
  decimal: (value) => typeof value === 'number',
  number: (value) => typeof value === 'number',
  int: (value) => Number.isInteger(value),
  long: (value) => Number.isInteger(value) || typeof value === 'bigint',
  string: (value) => typeof value === 'string',
  bool: (value) => typeof value === 'boolean',
  date: (value) => value instanceof Date,
  null: (value) => value === null,
  regex: (value) => value instanceof RegExp,
  array: (value) => Array.isArray(value),
  objectId: (value) => value instanceof ObjectId || (value as { _bsontype?: string } | null)?._bsontype === 'ObjectId',
  object: (value) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof RegExp),
};

const ajv = new Ajv({ strict: false, allErrors: false });
ajv.addKeyword({
  keyword: 'bsonType',
  schemaType: ['string', 'array'],
  validate: (schema: string | string[], data: unknown) =>
    (Array.isArray(schema) ? schema : [schema]).some((type) => BSON_TYPES[type]?.(data) ?? false),
});

/** Compiled schemas by their JSON text; bounded, since schemas come from requests. */
const compiled = new Map<string, ValidateFunction>();
const MAX_COMPILED = 100;

function assertSupported(schema: unknown, depth = 0): void {
  if (depth > 100 || schema === null || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if (UNSUPPORTED.includes(key)) throw new Error(`$jsonSchema keyword '${key}' is not currently supported`);
    if (key === 'bsonType')
      for (const type of [value].flat())
        if (!(String(type) in BSON_TYPES)) throw new Error(`$jsonSchema: unknown bsonType '${String(type)}'`);
    if (key !== 'enum') assertSupported(value, depth + 1);
  }
}

/** mingo's `jsonSchemaValidator` option. */
export function jsonSchemaValidator(schema: AnyObject): (doc: unknown) => boolean {
  const key = JSON.stringify(schema);
  let validate = compiled.get(key);
  if (!validate) {
    assertSupported(schema);
    validate = ajv.compile(schema);
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(key, validate);
  }
  const check = validate;
  return (doc) => check(doc) === true;
}
