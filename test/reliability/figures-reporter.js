/**
 * Jest reporter: prints the reliability figures the suites recorded (see helpers/figures.ts) once
 * every test file has run. It names a fresh JSON-lines file in RELIABILITY_FIGURES_FILE when it is
 * created, in jest's main process before any worker starts, so workers inherit the variable.
 * Plain JavaScript: jest loads reporters without transforming them.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file jest loads as is */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomUUID } = require('node:crypto');

const ENV = 'RELIABILITY_FIGURES_FILE';

class ReliabilityFiguresReporter {
  constructor() {
    if (!process.env[ENV]) process.env[ENV] = path.join(os.tmpdir(), `reliability-figures-${randomUUID()}.jsonl`);
    this.file = process.env[ENV];
  }

  onRunComplete() {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return; // no reliability suite ran
    }
    fs.rmSync(this.file, { force: true });
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    if (lines.length > 0) process.stdout.write(`\n${formatFigures(lines)}\n`);
  }
}

function total(lines, figure) {
  return lines.filter((line) => line.figure === figure).reduce((sum, line) => sum + line.count, 0);
}

/** Sums the numbers of the `detail` texts of a figure, e.g. "simulated kill -9 12". */
function details(lines, figure) {
  return lines
    .filter((line) => line.figure === figure)
    .reduce((sum, line) => sum + Number(/(\d+)$/.exec(line.detail || '')?.[1] || 0), 0);
}

function formatFigures(lines) {
  const byKind = new Map();
  for (const line of lines.filter((l) => l.figure === 'faultsInjected')) {
    byKind.set(line.detail || 'other', (byKind.get(line.detail || 'other') || 0) + line.count);
  }
  const kinds = [...byKind]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  const lost = total(lines, 'documentsLost');
  const duplicated = total(lines, 'documentsDuplicated');
  const verdict = lost + duplicated === 0 ? 'OK' : 'FAILED';
  return [
    'Reliability figures / 可靠性数据',
    `  concurrent logins tried       ${total(lines, 'concurrentLogins')}`,
    `  faults injected               ${total(lines, 'faultsInjected')}${kinds ? ` (${kinds})` : ''}`,
    `  crashes survived (kill -9)    ${total(lines, 'crashesSurvived')} ` +
      `(acknowledged logins checked: ${total(lines, 'acknowledgedWritesChecked')})`,
    `  generated bad inputs tried    ${total(lines, 'badInputsTried')}`,
    `  permission checks             ${total(lines, 'permissionChecks')}`,
    `  store model operations        ${total(lines, 'storeOperations')} ` +
      `(restarts ${total(lines, 'storeRestarts')}, of which simulated kill -9 ${details(lines, 'storeRestarts')})`,
    `  store reads checked           ${total(lines, 'storeReadsChecked')} ` +
      `(store and journal byte-identical after each)`,
    `  documents lost / duplicated   ${lost} / ${duplicated} (must be 0: ${verdict})`,
  ].join('\n');
}

module.exports = ReliabilityFiguresReporter;
module.exports.formatFigures = formatFigures;
