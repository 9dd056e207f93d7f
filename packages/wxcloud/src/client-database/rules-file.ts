/**
 * Security rules per collection, as the project ships them: `<collection>.rules.json` files inside
 * the cloud functions root (e.g. cloudfunctions/login/users.rules.json), each
 * `{ "read": <rule>, "write": <rule> }` where a rule is true, false or an expression string.
 * A collection with no rules file is closed to clients (read and write denied), the safe default.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { parseRule, type RuleNode } from './expression';

const RuleSchema = z.union([z.boolean(), z.string().min(1)]);
export const RulesFileSchema = z.object({ read: RuleSchema, write: RuleSchema }).strict();

export interface CollectionRules {
  read: RuleNode;
  write: RuleNode;
  /** The file the rules came from. */
  file: string;
  /** The rules as written in the file. */
  source: z.infer<typeof RulesFileSchema>;
}

const RULES_FILE = /^([A-Za-z][A-Za-z0-9_-]*)\.rules\.json$/;

/** Reads every `<collection>.rules.json` one level below `functionsRoot`. Throws on a bad or duplicate file. */
export function loadCollectionRules(functionsRoot: string): Map<string, CollectionRules> {
  const rules = new Map<string, CollectionRules>();
  for (const folder of safeList(functionsRoot)) {
    const dir = path.join(functionsRoot, folder);
    for (const name of safeList(dir)) {
      const collection = RULES_FILE.exec(name)?.[1];
      if (!collection) continue;
      const file = path.join(dir, name);
      const existing = rules.get(collection);
      if (existing) throw new RulesFileError(file, `rules for collection "${collection}" are also in ${existing.file}`);
      rules.set(collection, parseRulesFile(readFileSync(file, 'utf8'), file));
    }
  }
  return rules;
}

export function parseRulesFile(text: string, file: string): CollectionRules {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RulesFileError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = RulesFileSchema.safeParse(json);
  if (!parsed.success) throw new RulesFileError(file, formatZodError(parsed.error));
  try {
    return { read: parseRule(parsed.data.read), write: parseRule(parsed.data.write), file, source: parsed.data };
  } catch (error) {
    throw new RulesFileError(file, (error as Error).message);
  }
}

/** A rules file the emulator cannot use: it names the file and says what is wrong. */
export class RulesFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`security rules file ${file}: ${problem}`);
    this.name = 'RulesFileError';
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
