/**
 * `wxcloud trigger <function> [--trigger NAME] --url URL`: fires a function's timer trigger now on a
 * running emulator (the console's "立即触发 / Fire now" button does the same), and says how it went.
 */
import { apiPath, type ConsoleError, type FireTriggerResponse } from '../console/api-types';
import { UsageError, parseCommandLine } from './command-line';

const FIRED_OK = '已触发，调用成功 / fired, the call succeeded';
const FIRED_FAILED = '已触发，调用失败 / fired, the call failed';

export const TRIGGER_USAGE =
  `用法 / Usage: wxcloud trigger <函数名 function> [--trigger NAME] --url ` + `<模拟器地址 emulator URL>`;

/** Exit code: 0 when the function ran and succeeded, 1 otherwise. */
export async function runTrigger(argv: string[], print: (line: string) => void): Promise<number> {
  const { values, positionals } = parseCommandLine(
    argv,
    { url: { type: 'string' }, trigger: { type: 'string' } },
    { positionals: true },
  );
  const [name] = positionals;
  if (!name || positionals.length > 1 || !values.url)
    throw new UsageError(`需要函数名和 --url / a function name and --url are required\n${TRIGGER_USAGE}`);
  const url = `${values.url.replace(/\/$/, '')}${apiPath(`functions/${encodeURIComponent(name)}/trigger`)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(values.trigger ? { trigger: values.trigger } : {}),
  });
  const answer = (await response.json()) as FireTriggerResponse & { error?: ConsoleError };
  if (answer.error) throw new Error(answer.error.message);
  print(`${name}: ${answer.ok ? FIRED_OK : FIRED_FAILED} ` + `(RequestId ${answer.requestId})`);
  return answer.ok ? 0 : 1;
}
