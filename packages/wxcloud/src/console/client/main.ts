/**
 * The console page's script: switches tabs (the URL's #hash), loads the open tab through the typed
 * API, listens to the live events and wires the reset button. Bundled by ../assets.ts.
 */
import type { ConsoleEvent } from '../api-types';
import { apiPath } from '../api-types';
import { databasePanel } from './database-panel';
import { api, attempt, notify } from './dom';
import { functionsPanel } from './functions-panel';
import { genericPanel } from './generic-panel';
import { phonesPanel } from './phones-panel';
import { usersPanel } from './users-panel';

interface Panel {
  refresh(): Promise<void>;
  wire?(): void;
}

const database = databasePanel();
const functions = functionsPanel();
const phones = phonesPanel();
const users = usersPanel();
const builtIn: Record<string, Panel> = { database, functions, phones, users };
const panels = new Map<string, Panel>();
for (const tab of document.querySelectorAll<HTMLElement>('[data-tab]')) {
  const id = tab.dataset.tab ?? '';
  panels.set(id, tab.dataset.builtIn === 'true' && builtIn[id] ? builtIn[id] : genericPanel(id));
}

let current = '';

function show(id: string): void {
  const target = panels.has(id) ? id : ([...panels.keys()][0] ?? '');
  current = target;
  for (const tab of document.querySelectorAll<HTMLElement>('[data-tab]'))
    tab.classList.toggle('active', tab.dataset.tab === target);
  for (const section of document.querySelectorAll<HTMLElement>('[data-panel]'))
    section.hidden = section.dataset.panel !== target;
  void refreshCurrent();
}

async function refreshCurrent(): Promise<void> {
  const panel = panels.get(current);
  if (panel) await attempt('加载', () => panel.refresh());
  document.body.dataset.loaded = current;
  // Milliseconds from the navigation's start until the tab showed its data (read by the browser tests).
  document.body.dataset.loadedAfterMs = String(Math.round(performance.now()));
}

let usersTimer: number | undefined;

function listen(): void {
  const events = new EventSource(apiPath('events'));
  events.addEventListener('invocation', (message) => {
    const event = JSON.parse((message as MessageEvent<string>).data) as Extract<ConsoleEvent, { type: 'invocation' }>;
    functions.add(event.invocation);
    // Users only: a refresh of the Database tab would throw away a document being edited.
    if (current === 'users') {
      clearTimeout(usersTimer);
      usersTimer = window.setTimeout(() => void refreshCurrent(), 100);
    }
  });
  events.addEventListener('phones', () => current === 'phones' && void refreshCurrent());
  events.addEventListener('reset', () => void refreshCurrent());
}

const RESET_QUESTION_ZH = '清空所有集合、调用记录和模拟手机？';

document.getElementById('reset')?.addEventListener('click', () => {
  if (!confirm(`${RESET_QUESTION_ZH}/ Clear every collection, invocation and phone?`)) return;
  void attempt('重置', async () => {
    await api('reset', {});
    notify('已重置 / reset done');
    await refreshCurrent();
  });
});

for (const panel of panels.values()) panel.wire?.();
window.addEventListener('hashchange', () => show(location.hash.slice(1)));
show(location.hash.slice(1));
listen();
