/**
 * Zod's messages, one way for the whole local cloud: English messages for zod/mini (which ships none,
 * "Invalid input" otherwise), and one readable line per issue, `functions.0.timeout: Too big ...`,
 * for every boundary that reports a validation failure (function events, emulator wires, config).
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

/** The part of a zod (or zod/mini) issue a message needs. */
export interface IssueLike {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

/** `path: message`, with `(root)` for an issue of the whole value. */
export function formatIssue(issue: IssueLike): string {
  return `${issue.path.length ? issue.path.map(String).join('.') : '(root)'}: ${issue.message}`;
}

/** Every issue of a ZodError on one line, separated by `; `. */
export function formatZodError(error: { readonly issues: ReadonlyArray<IssueLike> }): string {
  return error.issues.map(formatIssue).join('; ');
}
