/** The Functions tab: each function with its instances, and every invocation as it ends, with its logs. */
import type { FireTriggerResponse, FunctionView, FunctionsResponse, InvocationView } from '../api-types';
import { api, both, formatTime, h, notify, prettyJson } from './dom';

const SHOWN = 100;

export function functionsPanel() {
  let invocations: InvocationView[] = [];

  async function refresh(): Promise<void> {
    const data = await api<FunctionsResponse>('functions');
    invocations = data.invocations;
    document
      .getElementById('function-list')
      ?.replaceChildren(
        h(
          'tr',
          {},
          h('th', {}, both('函数', 'Function')),
          h('th', {}, both('超时', 'Timeout')),
          h('th', {}, both('实例', 'Instances')),
          h('th', {}, both('定时触发器', 'Timer trigger')),
        ),
        ...data.functions.map((fn) =>
          h(
            'tr',
            {},
            h('td', {}, h('code', {}, fn.name)),
            h('td', {}, `${fn.timeoutSeconds} s`),
            h('td', {}, instancesText(fn.instances)),
            h('td', {}, timerCell(fn)),
          ),
        ),
      );
    render();
  }

  function add(invocation: InvocationView): void {
    invocations = [invocation, ...invocations.filter((item) => item.requestId !== invocation.requestId)].slice(
      0,
      SHOWN,
    );
    render();
  }

  function render(): void {
    const target = document.getElementById('invocations');
    if (!target) return;
    const open = new Set(
      [...target.querySelectorAll('details[open]')].map((item) => item.getAttribute('data-request-id')),
    );
    target.replaceChildren(
      ...(invocations.length
        ? invocations.map((item, index) =>
            invocationCard(item, open.has(item.requestId) || (open.size === 0 && index === 0)),
          )
        : [h('p', { class: 'empty' }, both('还没有调用', 'No invocations yet'))]),
    );
  }

  return { refresh, add };
}

/** The trigger's cron and a button that fires it now (the invocation then shows up below). */
function timerCell(fn: FunctionView): HTMLElement | string {
  if (!fn.timer) return '-';
  const fire = async () => {
    try {
      const fired = await api<FireTriggerResponse>(`functions/${encodeURIComponent(fn.name)}/trigger`, {
        trigger: fn.timer?.name,
      });
      notify(
        `${fn.name}: ${fired.ok ? '已触发 fired' : '触发后失败 failed'} · ${fired.requestId}`,
        fired.ok ? 'ok' : 'error',
      );
    } catch (error) {
      notify(String((error as Error).message), 'error');
    }
  };
  const next = fn.timer.nextAt ? h('span', {}, ' · ', both('下次', 'next'), ` ${formatTime(fn.timer.nextAt)}`) : '';
  return h(
    'span',
    { class: 'timer' },
    h('code', {}, fn.timer.name),
    ` ${fn.timer.cron}`,
    next,
    ' ',
    h('button', { type: 'button', 'data-fire': fn.name, onclick: () => void fire() }, both('立即触发', 'Fire now')),
  );
}

const STATE_TEXT: Record<string, [string, string]> = {
  starting: ['启动中', 'starting'],
  idle: ['空闲', 'idle'],
  busy: ['运行中', 'busy'],
};

/** `2 个实例：空闲 2 / 2 instances: 2 idle`, or a dash when none is warm. */
function instancesText(instances: Array<{ state: string }>): string {
  if (!instances.length) return '无 / none';
  const counts = new Map<string, number>();
  for (const { state } of instances) counts.set(state, (counts.get(state) ?? 0) + 1);
  const zh = [...counts].map(([state, count]) => `${STATE_TEXT[state]?.[0] ?? state} ${count}`).join('，');
  const en = [...counts].map(([state, count]) => `${count} ${STATE_TEXT[state]?.[1] ?? state}`).join(', ');
  return `${instances.length} 个实例：${zh} / ${instances.length} instance(s): ${en}`;
}

function invocationCard(item: InvocationView, open: boolean): HTMLElement {
  const ok = item.resultCode === 0;
  const start = item.coldStart === null ? '-' : item.coldStart ? both('冷启动', 'cold') : both('热启动', 'warm');
  const caller = item.caller.openid
    ? h(
        'span',
        { class: 'caller' },
        h('code', {}, item.caller.openid),
        ` · ${item.caller.appid ?? '-'}`,
        item.caller.unionid ? ` · ${item.caller.unionid}` : '',
        ` · ${item.caller.source ?? '-'}`,
      )
    : h('span', { class: 'caller' }, both('无用户（控制台 / 其他函数）', 'no user'), ` · ${item.caller.source ?? '-'}`);
  const section = (zh: string, en: string, text: string) =>
    h('div', { class: 'io' }, h('h4', {}, both(zh, en)), h('pre', { class: 'json' }, text));
  return h(
    'details',
    { class: `invocation ${ok ? 'ok' : 'failed'}`, 'data-request-id': item.requestId, open },
    h(
      'summary',
      {},
      h('span', { class: 'time' }, formatTime(item.startedAt)),
      h('code', { class: 'fn' }, item.functionName),
      caller,
      h('span', { class: 'badge' }, start),
      h('span', { class: 'duration' }, `${item.durationMs} ms`),
      h('span', { class: `result ${ok ? 'ok' : 'failed'}` }, ok ? '成功 ok' : `失败 ${item.resultCode}`),
    ),
    h(
      'div',
      { class: 'io-row' },
      section('事件', 'Event', prettyJson(item.event)),
      ok ? section('返回', 'Result', prettyJson(item.result)) : section('错误', 'Error', item.error ?? ''),
    ),
    h('h4', {}, both('日志', 'Logs'), ` · RequestId ${item.requestId}`),
    h(
      'pre',
      { class: 'logs' },
      item.logs.length
        ? item.logs.map((line) => `${formatTime(line.at)} ${line.level.toUpperCase()} ${line.text}`).join('\n')
        : '（无日志 / no logs）',
    ),
  );
}
