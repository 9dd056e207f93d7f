/**
 * What WeChat's template compiler does before a template renders and the component engine does not:
 * `<include src>` puts the file in its place, `<wxs src="…" module="m"/>` becomes the module's code
 * inline (with the `.wxs` files it `require`s, each run once), a handler named by an expression is
 * evaluated, and object shorthand in `{{ }}` (`{ block, round }`) is written out (`{ block: block }`).
 * UI libraries such as Vant Weapp do all of these. The engine's context gives WXS its `getRegExp`,
 * `getDate` and `.constructor` as a type name (engine-entry.ts). `<import>` and `<template is>` are not
 * supported (the engine shows nothing for them).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const WXS_SRC = /<wxs\s+([^>]*?)\/?>(?:\s*<\/wxs>)?/g;
const REQUIRE = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;
const MUSTACHE = /\{\{([\s\S]*?)\}\}/g;
/** In WXS `x.constructor` is the type's name (`'Array'`): a function of the engine's context says it. */
const CONSTRUCTOR = /([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\]]*\])*)\.constructor\b/g;
/**
 * A handler named by an expression (`bindtap="{{ disabled ? '' : 'onClick' }}"`): the engine leaves it as written, so
 * its value is asked for as an attribute too, which compose.ts reads back.
 */
const COMPUTED_HANDLER =
  /\s(?:capture-)?(?:bind|catch|mut-bind):?([A-Za-z][\w-]*)\s*=\s*("\{\{[^"]*\}\}"|'\{\{[^']*\}\}')/g;
const INCLUDE = /<include\s+([^>]*?)\/?>(?:\s*<\/include>)?/g;
/** A `.wxs` file's requires followed no deeper than this. */
const MAX_FILES = 50;
/** Includes inside includes followed no deeper than this (a file including itself would never end). */
const MAX_INCLUDE_DEPTH = 8;

/** `template` (the file at `file` under `root`) as the engine can render it. */
export function prepareTemplate(template: string, file: string, root: string): string {
  return withIncludes(template, path.dirname(file), root, 0)
    .replace(
      COMPUTED_HANDLER,
      (binding: string, event: string, value: string) => `${binding} wxcloud-on-${event}=${value}`,
    )
    .replace(MUSTACHE, (_all, expression: string) => `{{${expandShorthand(expression)}}}`);
}

/** Each `<include src>` as the file it names (its WXS inline); its other attributes (`wx:if` …) go on a block. */
function withIncludes(template: string, dir: string, root: string, depth: number): string {
  const inlined = template.replace(INCLUDE, (tag: string, attributes: string) => {
    const src = /\bsrc\s*=\s*(["'])([^"']+)\1/.exec(attributes)?.[2];
    const file = src && depth < MAX_INCLUDE_DEPTH ? resolveFile(root, dir, src) : undefined;
    if (!file) return '';
    const content = withIncludes(readFileSync(file, 'utf8'), path.dirname(file), root, depth + 1);
    return `<block ${attributes.replace(/\bsrc\s*=\s*(["'])[^"']*\1/, '')}>${content}</block>`;
  });
  return inlineWxs(inlined, dir, root);
}

function inlineWxs(template: string, dir: string, root: string): string {
  return template.replace(WXS_SRC, (tag: string, attributes: string) => {
    const src = /\bsrc\s*=\s*(["'])([^"']+)\1/.exec(attributes)?.[2];
    const moduleName = /\bmodule\s*=\s*(["'])([^"']+)\1/.exec(attributes)?.[2];
    if (!src || !moduleName) return tag;
    const entry = resolveFile(root, dir, src);
    return entry ? `<wxs module="${moduleName}">${bundleWxs(root, entry)}</wxs>` : '';
  });
}

function resolveFile(root: string, dir: string, src: string): string | undefined {
  const file = src.startsWith('/') ? path.join(root, src) : path.resolve(dir, src);
  const relative = path.relative(root, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative) && existsSync(file) ? file : undefined;
}

/** The module at `entry` and those it requires, as code that sets `module.exports` (what the engine runs). */
function bundleWxs(root: string, entry: string): string {
  const definitions = new Map<string, string>();
  const visit = (file: string) => {
    if (definitions.has(file) || definitions.size >= MAX_FILES) return;
    definitions.set(file, '');
    const code = readFileSync(file, 'utf8').replace(REQUIRE, (call: string, _quote: string, target: string) => {
      const required = resolveFile(root, path.dirname(file), target);
      if (!required) return call;
      visit(required);
      return `require(${JSON.stringify(path.relative(root, required))})`;
    });
    definitions.set(file, code.replace(CONSTRUCTOR, 'wxsConstructorOf($1)'));
  };
  visit(entry);
  const modules = [...definitions].map(
    ([file, code]) => `${JSON.stringify(path.relative(root, file))}: function (require, module, exports) {\n${code}\n}`,
  );
  return [
    `var definitions = {${modules.join(',\n')}};`,
    'var loaded = {};',
    'function load(name) {',
    '  if (!loaded[name]) {',
    '    loaded[name] = { exports: {} };',
    '    definitions[name](load, loaded[name], loaded[name].exports);',
    '  }',
    '  return loaded[name].exports;',
    '}',
    `module.exports = load(${JSON.stringify(path.relative(root, entry))});`,
  ].join('\n');
}

/** `{ a, b: c }` in an expression as `{ a: a, b: c }` (strings left alone). */
export function expandShorthand(expression: string): string {
  const open: string[] = [];
  let out = '';
  for (let i = 0; i < expression.length;) {
    const char = expression[i]!;
    if (char === '"' || char === "'") {
      let end = i + 1;
      while (end < expression.length && expression[end] !== char) end += expression[end] === '\\' ? 2 : 1;
      out += expression.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if ('{[('.includes(char)) open.push(char);
    if ('}])'.includes(char)) open.pop();
    out += char;
    i += 1;
    if ((char === '{' || char === ',') && open[open.length - 1] === '{') {
      const shorthand = /^(\s*)([A-Za-z_$][\w$]*)(\s*)(?=[,}])/.exec(expression.slice(i));
      if (shorthand) {
        out += `${shorthand[1]}${shorthand[2]}: ${shorthand[2]}${shorthand[3]}`;
        i += shorthand[0].length;
      }
    }
  }
  return out;
}
