/**
 * The emulator's mingo: every operator mingo ships, with MongoDB's semantics restored where mingo
 * departs from them (`$elemMatch`, bitwise, string and date expressions, geo), `$jsonSchema` checked by
 * Ajv, and the operators the service does not run refused: script execution (`$where`,
 * `$function`, `$accumulator`), writes from a pipeline (`$out`, `$merge`) and text search
 * (`$text`). mingo's default entry point keeps its built-in operators first when contexts are
 * merged, so this context is built from the operator modules directly.
 */
import { Aggregator } from 'mingo/aggregator';
import { Context, ProcessingMode } from 'mingo/core';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { AnyObject, CollectionResolver, Options } from 'mingo/types/types';
import { update as mingoUpdate, type Modifier } from 'mingo/updater';
import { boundedExpressionOperators } from '../bounded-operators';
import { bitwiseQueryOperators } from './bitwise';
import { dateStringOperators } from './date-strings';
import { dateOperators } from './dates';
import { $elemMatch } from './elem-match';
import { geoQueryOperators } from './geo';
import { jsonSchemaValidator } from './json-schema';
import { stringOperators } from './strings';

/** Operators the service refuses, by kind; using one is DATABASE_INVALID_OPERRATOR. */
export const REFUSED_OPERATORS = {
  query: ['$where', '$text'],
  expression: ['$function'],
  accumulator: ['$accumulator'],
  pipeline: ['$out', '$merge'],
} as const;

function without<T extends object>(operators: T, refused: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(operators).filter(([name]) => !refused.includes(name)));
}

type OperatorTables = NonNullable<Parameters<typeof Context.init>[0]>;
type Ops<K extends keyof OperatorTables> = OperatorTables[K];

const CONTEXT = Context.init({
  accumulator: without(accumulatorOperators, REFUSED_OPERATORS.accumulator) as Ops<'accumulator'>,
  expression: {
    ...without(expressionOperators, REFUSED_OPERATORS.expression),
    ...stringOperators,
    ...dateOperators,
    ...dateStringOperators,
    ...boundedExpressionOperators,
  } as Ops<'expression'>,
  pipeline: without(pipelineOperators, REFUSED_OPERATORS.pipeline) as Ops<'pipeline'>,
  projection: projectionOperators as Ops<'projection'>,
  query: {
    ...without(queryOperators, REFUSED_OPERATORS.query),
    $elemMatch,
    ...bitwiseQueryOperators,
    ...geoQueryOperators,
  } as Ops<'query'>,
  window: windowOperators as Ops<'window'>,
});

/** mingo options for every query, pipeline and update of the emulator. */
export function mingoOptions(collectionResolver?: CollectionResolver): Partial<Options> {
  return {
    context: CONTEXT,
    idKey: '_id',
    scriptEnabled: false,
    useStrictMode: true,
    failOnError: true,
    processingMode: ProcessingMode.CLONE_OFF,
    jsonSchemaValidator,
    collectionResolver,
  };
}

export function compileQuery(filter: AnyObject): Query {
  return new Query(filter, mingoOptions());
}

export function runPipeline(docs: AnyObject[], pipeline: AnyObject[], resolver: CollectionResolver): AnyObject[] {
  return new Aggregator(pipeline, mingoOptions(resolver)).run(docs);
}

/** Applies update operators to `doc` in place; `filter` resolves the positional `$`. */
export function updateInPlace(doc: AnyObject, operators: AnyObject, filter?: AnyObject): void {
  mingoUpdate(doc, operators as Modifier<AnyObject>, [], filter, { cloneMode: 'deep', queryOptions: mingoOptions() });
}
