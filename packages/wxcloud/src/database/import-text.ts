/**
 * Reads an import file as the service's console accepts it: JSON Lines, JSON objects one after
 * another (each possibly spread over several lines, like a MongoDB export), or one JSON array.
 * Anything else is refused with the line and column where it goes wrong. Refused too, as the
 * service refuses them: a key that starts or ends with `.` or holds `..`, a key twice in one object,
 * keys that name the same field two ways (`{"a": {"b": 1}, "a.b": 2}`), and an integer a JS number
 * cannot hold exactly (the emulator keeps numbers as doubles; it refuses rather than round).
 */
import { createScanner, visit, printParseErrorCode, type JSONVisitor } from 'jsonc-parser';
import { invalidParam } from '../host/errors';
import { isExactAsDouble } from '../ejson';

export interface SourceDocument {
  value: unknown;
  /** Where the document starts (1-based), for messages about it. */
  line: number;
  column: number;
}

interface Chunk {
  start: number;
  end: number;
  array: boolean;
}

export function readImportText(content: string, file: string): SourceDocument[] {
  const text = content.startsWith('\uFEFF') ? content.slice(1) : content;
  const where = positions(text, file);
  const chunks = topLevelValues(text, where);
  if (chunks.some((chunk) => chunk.array) && chunks.length > 1) {
    throw where.fail(
      chunks[1]!.start,
      'a JSON array must be the whole file (or write one object after another, without the array)',
    );
  }
  const documents: SourceDocument[] = [];
  for (const chunk of chunks) {
    const starts = checkValue(text, chunk, where);
    const value = JSON.parse(text.slice(chunk.start, chunk.end)) as unknown;
    const items = chunk.array ? (value as unknown[]) : [value];
    items.forEach((item, index) =>
      documents.push({ value: item, ...where.at(chunk.array ? starts[index]! : chunk.start) }),
    );
  }
  return documents;
}

function positions(text: string, file: string) {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  const at = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const fail = (offset: number, reason: string) => {
    const { line, column } = at(offset);
    return invalidParam(`${file}:${line}:${column}: ${reason}`);
  };
  return { at, fail };
}

type Where = ReturnType<typeof positions>;

// jsonc-parser declares its token kinds and scan errors as const enums, which isolated modules cannot read.
const SyntaxKind = {
  OpenBraceToken: 1,
  CloseBraceToken: 2,
  OpenBracketToken: 3,
  CloseBracketToken: 4,
  LineCommentTrivia: 12,
  BlockCommentTrivia: 13,
  LineBreakTrivia: 14,
  Trivia: 15,
  EOF: 17,
} as const;
const SCAN_ERRORS: Record<number, string> = {
  1: 'a comment is not closed',
  2: 'a string is not closed',
  3: 'a number ends too soon',
  4: 'an invalid \\u escape',
  5: 'an invalid escape in a string',
  6: 'a character not allowed in a JSON string',
};

/** Where each top-level object (or the one array) starts and ends. */
function topLevelValues(text: string, where: Where): Chunk[] {
  const scanner = createScanner(text, false);
  const chunks: Chunk[] = [];
  let depth = 0;
  let current: Chunk | undefined;
  for (let kind: number = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    const offset = scanner.getTokenOffset();
    const error: number = scanner.getTokenError();
    if (error !== 0) throw where.fail(offset, SCAN_ERRORS[error] ?? 'not JSON');
    if (kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia) continue;
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia)
      throw where.fail(offset, 'comments are not JSON');
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (depth === 0) current = { start: offset, end: offset, array: kind === SyntaxKind.OpenBracketToken };
      depth += 1;
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      if (depth === 0) throw where.fail(offset, `"${text[offset]}" closes nothing`);
      depth -= 1;
      if (depth === 0 && current) chunks.push({ ...current, end: offset + 1 });
    } else if (depth === 0) {
      throw where.fail(
        offset,
        `expected a JSON object here, ` +
          `found ${JSON.stringify(text.slice(offset, offset + Math.min(scanner.getTokenLength(), 20)))}`,
      );
    }
  }
  if (depth > 0 && current) throw where.fail(current.start, 'this value is not closed before the end of the file');
  return chunks;
}

type Frame = { kind: 'object'; keys: { name: string; offset: number }[] } | { kind: 'array' };

/**
 * Checks one top-level value: its syntax, its keys and its integers. Returns, for an array, where
 * each of its documents starts.
 */
function checkValue(text: string, chunk: Chunk, where: Where): number[] {
  const stack: Frame[] = [];
  const starts: number[] = [];
  const problems: { offset: number; reason: string }[] = [];
  const problem = (offset: number, reason: string) => void problems.push({ offset: chunk.start + offset, reason });
  const elementOf = (offset: number, isObject: boolean) => {
    if (!chunk.array || stack.length !== 1) return;
    starts.push(chunk.start + offset);
    if (!isObject) problem(offset, `document ${starts.length} is not an object`);
  };
  const visitor: JSONVisitor = {
    onObjectBegin: (offset) => (elementOf(offset, true), void stack.push({ kind: 'object', keys: [] })),
    onObjectProperty: (name, offset) => {
      const frame = stack.at(-1);
      if (frame?.kind !== 'object') return;
      const reason = keyProblem(name, frame.keys);
      if (reason) problem(offset, reason);
      frame.keys.push({ name, offset });
    },
    onObjectEnd: () => void stack.pop(),
    onArrayBegin: (offset) => (elementOf(offset, false), void stack.push({ kind: 'array' })),
    onArrayEnd: () => void stack.pop(),
    onLiteralValue: (value, offset, length) => {
      elementOf(offset, false);
      if (
        typeof value === 'number' &&
        !isExactAsDouble(text.slice(chunk.start + offset, chunk.start + offset + length))
      ) {
        problem(
          offset,
          `${text.slice(chunk.start + offset, chunk.start + offset + length)} ` +
            `cannot be kept exactly as a number (beyond ±2^53); write it as a ` +
            `string, or as {"$numberLong": "…"} within that range`,
        );
      }
    },
    onError: (code, offset) => problem(offset, `not JSON (${printParseErrorCode(code)})`),
  };
  visit(text.slice(chunk.start, chunk.end), visitor, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = problems[0];
  if (first) throw where.fail(first.offset, first.reason);
  return starts;
}

/** The service's rules for a key, given the keys before it in the same object. */
function keyProblem(name: string, before: { name: string }[]): string | undefined {
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..'))
    return `the key ${JSON.stringify(name)} must not start or end with "." nor hold ".."`;
  if (before.some((key) => key.name === name)) return `the key ${JSON.stringify(name)} appears twice in one object`;
  const path = name.split('.');
  const clash = before.find((key) => {
    const other = key.name.split('.');
    const shorter = Math.min(path.length, other.length);
    return (
      (path.length > 1 || other.length > 1) && path.slice(0, shorter).join('.') === other.slice(0, shorter).join('.')
    );
  });
  return clash
    ? `the keys ${JSON.stringify(clash.name)} and ${JSON.stringify(name)} name the same field two ways`
    : undefined;
}
