/**
 * The shape of the action table: the production action name (e.g. `database.getDocument`) maps to
 * a zod schema for its parameters and a plain handler. The server validates, counts, injects
 * faults and dispatches; handlers know nothing of HTTP. Other emulator parts (the function
 * runtime adds `functions.invokeFunction`) plug in their own entries.
 */
import type { z } from 'zod';

export interface ActionContext {
  /** The id the response will carry (`requestId`). */
  requestId: string;
  /** `envName` the SDK sent, if any. */
  envName: string | undefined;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
}

export interface ActionDefinition<P = unknown> {
  /** Validates the request body (the whole envelope; unknown keys are ignored). */
  schema: z.ZodType<P>;
  /**
   * Handles a validated request and returns the response body fields (without requestId).
   * Throw EmulatorError for service errors.
   */
  handle(params: P, context: ActionContext): Record<string, unknown> | Promise<Record<string, unknown>>;
}

/**
 * A handler that must answer with bytes instead of JSON (`wx.openApi` answers a protobuf) returns
 * `{ [RAW_REPLY]: { body, contentType } }`; errors still go out as JSON.
 */
export const RAW_REPLY = Symbol('raw reply');
export interface RawReply {
  body: Uint8Array;
  contentType: string;
}

/** Action name -> definition. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionTable = Record<string, ActionDefinition<any>>;

/** Identity helper that keeps the schema and handler types tied together. */
export function defineAction<P>(definition: ActionDefinition<P>): ActionDefinition<P> {
  return definition;
}
