/**
 * How a simulated `wx` API answers, as the base library does: through the callbacks given
 * (success / fail / complete), or as a promise when there are none.
 */
export type Callbacks = { success?(res: unknown): void; fail?(err: unknown): void; complete?(res: unknown): void };

/** Runs `action` and answers through the callbacks given, or as a promise when there are none (base library style). */
export function answer<T>(options: Callbacks | undefined, action: () => T | Promise<T>): Promise<T> | void {
  const result = Promise.resolve().then(action);
  if (!options?.success && !options?.fail && !options?.complete) return result;
  result.then(
    (value) => (options.success?.(value), options.complete?.(value)),
    (error: unknown) => (options.fail?.(error), options.complete?.(error)),
  );
}
