/**
 * ESLint rule: code of the mini-program loads nothing from outside `miniprogram/` at run time.
 * WeChat DevTools compiles such an import without complaint, but uploads only miniprogramRoot, so
 * the published package lacks the file. Type-only imports are erased by the compiler and stay allowed.
 */
const path = require('node:path');

const MINIPROGRAM_ROOT = path.resolve(__dirname, '..', '..', 'miniprogram');

function isTypeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return (
    specifiers.length > 0 &&
    specifiers.every((specifier) => specifier.importKind === 'type' || specifier.exportKind === 'type')
  );
}

function leavesMiniprogram(filename, source) {
  if (!source.startsWith('.')) return true; // a package: DevTools needs "构建 npm" and miniprogram_npm for it
  const target = path.resolve(path.dirname(filename), source);
  return target !== MINIPROGRAM_ROOT && !target.startsWith(MINIPROGRAM_ROOT + path.sep);
}

const miniprogramBoundary = {
  meta: {
    type: 'problem',
    docs: { description: 'the mini-program imports values only from inside miniprogram/' },
    messages: {
      outside:
        '"{{source}}" is outside miniprogram/: DevTools would upload the page ' +
        'without it. Move the code into miniprogram/ or import only types.',
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      if (node.source?.type !== 'Literal' || isTypeOnly(node)) return;
      const source = String(node.source.value);
      if (leavesMiniprogram(context.filename, source)) context.report({ node, messageId: 'outside', data: { source } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

module.exports = { rules: { 'miniprogram-boundary': miniprogramBoundary } };
