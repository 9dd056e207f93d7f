/**
 * Faults through the whole flow, seen from the mini-program: simulated phones run the app's own
 * auth service (retries with backoff, one attempt id per login) against the local cloud while the
 * emulator injects latency, HTTP 5xx, connection resets or request timeouts into the login's
 * database actions, before the action runs or after it (applied, answer lost).
 *
 * Every scenario checks: each answer the app got was a success or UNAVAILABLE (never INTERNAL);
 * every phone ends signed in once the faults stop; each user's stored loginCount is exactly their
 * earlier logins plus the logins the phones saw succeed; exactly one phone of each new user is told
 * it is new; createdAt unmoved; one document per user.
 */
import type { LoginResult } from '../../typings';
import type { Launch, SimulatedDevice } from '@wx-cloud-login/wxcloud';
import { SimulatedDevice as Device } from '@wx-cloud-login/wxcloud';
import type { FaultRule } from '@wx-cloud-login/wxcloud';
import { useLocalCloud } from '../helpers/local-cloud';
import { countingRandom } from './helpers/counting-random';
import { recordFigure } from './helpers/figures';
import { callLogin, checkUsers, successes, userNamed, type WxUser } from './helpers/logins';

const counter = countingRandom();
const local = useLocalCloud({ functions: { maxInstancesPerFunction: 12 }, random: counter.random });

const LOGIN_ACTIONS = [
  'database.modifyAndReturnDoc',
  'database.insertDocument',
  'database.getDocument',
  'database.addCollection',
];
type AuthState = {
  status: string;
  user?: { openid: string; loginCount: number; createdAt: string };
  isNewUser?: boolean;
};

interface Scenario {
  kind: string;
  /** Rules without a rate: the scenario's rate applies to all. */
  rules: Array<Omit<FaultRule, 'rate'>>;
  rate: number;
  /** Whose first call must fail: every phone's (a fault on every login's path) or new users' only. */
  firstCallsFail?: 'all' | 'new';
  /** Seed of the fault draws (default: from the kind). */
  seed?: number;
}

/** Four returning users (one login each, no faults), four new ones; two users on two phones at once. */
async function seedUsers() {
  const returning = [0, 1, 2, 3].map((i) => userNamed(`back-${i}`, { UNIONID: `u-back-${i}` }));
  const fresh = [0, 1, 2, 3].map((i) => userNamed(`new-${i}`));
  const seeded = successes(await Promise.all(returning.map((user) => callLogin(local.cloud.baseUrl, user))));
  expect(seeded).toHaveLength(returning.length);
  const createdAt = new Map(seeded.map((login) => [login.user.openid, new Date(login.user.createdAt)]));
  const phones: WxUser[] = [...returning, ...fresh, returning[0]!, fresh[0]!];
  return { returning, fresh, createdAt, phones };
}

async function untilEveryPhoneAnsweredOnce(launches: Launch[]): Promise<void> {
  while (launches.some((launch) => launch.calls.length === 0)) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function runScenario(scenario: Scenario) {
  const { returning, fresh, createdAt, phones } = await seedUsers();
  counter.reset(scenario.rate, scenario.seed ?? scenario.kind.length * 7919);
  local.cloud.setFaults(scenario.rules.map((rule) => ({ ...rule, rate: scenario.rate })));
  // timeScale 3: the app's backoff three times over (750 ms and up, 5 s at the least before its last try), so
  // the faults stop between a phone's first and last try even where a loaded machine is slow to answer them all.
  const devices: SimulatedDevice[] = phones.map(
    (user) => new Device({ baseUrl: local.cloud.baseUrl, user, timeScale: 3 }),
  );
  const launches = await Promise.all(devices.map((device) => device.launch()));
  await untilEveryPhoneAnsweredOnce(launches);
  local.cloud.clearFaults();
  recordFigure('faultsInjected', counter.hits(), scenario.kind);
  await Promise.all(launches.map((launch) => launch.settled()));
  launches.forEach((launch) => launch.close());
  return { returning, fresh, createdAt, phones, launches, faults: counter.hits() };
}

function answersOf(launches: Launch[]): LoginResult[][] {
  return launches.map((launch) => launch.calls.map((call) => call.answer as LoginResult));
}

async function expectSafeOutcome(run: Awaited<ReturnType<typeof runScenario>>, scenario: Scenario) {
  const answers = answersOf(run.launches);
  const unexpected = answers.flat().filter((answer) => !answer?.ok && answer?.error?.code !== 'UNAVAILABLE');
  expect(unexpected).toEqual([]);
  if (scenario.firstCallsFail === 'all') expect(answers.map((calls) => calls[0]?.ok)).toEqual(answers.map(() => false));
  if (scenario.firstCallsFail === 'new') {
    // The first of a new user's phones to insert loses the answer; a second phone may then find the user.
    const failedFirst = new Set(
      run.phones.filter((_, i) => answers[i]?.[0]?.ok === false).map((phone) => phone.OPENID),
    );
    expect(run.fresh.filter((user) => !failedFirst.has(user.OPENID))).toEqual([]);
  }
  const states = run.launches.map((launch) => (launch.app.globalData.auth as { getState(): AuthState }).getState());
  expect(states.map((state) => state.status)).toEqual(states.map(() => 'signedIn'));

  const expected = [...run.returning, ...run.fresh].map((user) => {
    const phonesOfUser = run.phones.filter((phone) => phone.OPENID === user.OPENID).length;
    const earlier = run.createdAt.has(user.OPENID) ? 1 : 0;
    // A login whose answer was lost and that a retry recognised reports the document as it stands:
    // its count may be a later login's. The highest count seen is the stored one.
    const seen = states.filter((state) => state.user?.openid === user.OPENID).map((state) => state.user!.loginCount);
    expect({
      user: user.OPENID,
      phones: seen.length,
      highest: Math.max(...seen),
      lowest: Math.min(...seen) > earlier,
    }).toEqual({
      user: user.OPENID,
      phones: phonesOfUser,
      highest: earlier + phonesOfUser,
      lowest: true,
    });
    return {
      openid: user.OPENID,
      loginCount: earlier + phonesOfUser,
      createdAt: run.createdAt.get(user.OPENID),
      unionid: user.UNIONID,
    };
  });
  expect(
    states
      .filter((state) => state.isNewUser)
      .map((state) => state.user?.openid)
      .sort(),
  ).toEqual(run.fresh.map((user) => user.OPENID).sort());
  const report = checkUsers(await local.users(), expected);
  recordFigure('documentsLost', report.lost.length);
  recordFigure('documentsDuplicated', report.duplicated.length);
  expect(report).toEqual({ lost: [], duplicated: [], problems: [] });
  expect(run.faults).toBeGreaterThan(0);
}

/** Updates applied but their answer lost, inserts refused: every first call fails, whatever the kind. */
const lostUpdates = (fault: Omit<FaultRule, 'rate' | 'actions' | 'when'>): Scenario['rules'] => [
  { ...fault, actions: ['database.modifyAndReturnDoc'], when: 'after' },
  { ...fault, actions: ['database.insertDocument', 'database.addCollection'], when: 'before' },
];
/**
 * Inserts applied but their answer lost (a duplicate's answer too, while the fault lasts): new
 * users' first calls fail; their retry after the faults must recognise the insert as their own.
 */
const lostInserts = (fault: Omit<FaultRule, 'rate' | 'actions' | 'when'>): Scenario['rules'] => [
  { ...fault, actions: ['database.insertDocument'], when: 'after' },
];

const scenarios: Array<[string, Scenario]> = [
  [
    'HTTP 503: updates applied, answers lost',
    { kind: 'http503', rate: 0.999, firstCallsFail: 'all', rules: lostUpdates({ kind: 'error', status: 503 }) },
  ],
  [
    'HTTP 500: inserts applied, answers lost',
    { kind: 'http500', rate: 0.999, firstCallsFail: 'new', rules: lostInserts({ kind: 'error', status: 500 }) },
  ],
  [
    'connection reset: updates applied, answers lost',
    { kind: 'reset', rate: 0.999, firstCallsFail: 'all', rules: lostUpdates({ kind: 'reset' }) },
  ],
  [
    'connection reset: inserts applied, answers lost',
    { kind: 'reset', rate: 0.999, firstCallsFail: 'new', rules: lostInserts({ kind: 'reset' }) },
  ],
  [
    'request timeout: updates applied, answers lost',
    { kind: 'timeout', rate: 0.999, firstCallsFail: 'all', rules: lostUpdates({ kind: 'timeout' }) },
  ],
  [
    'latency before and after every action',
    {
      kind: 'latency',
      rate: 0.5,
      rules: [
        { kind: 'latency', latencyMs: 150, when: 'before' },
        { kind: 'latency', latencyMs: 150, when: 'after' },
      ],
    },
  ],
  [
    'a random mix of 5xx and resets at 30 %, before and after, on every action',
    {
      kind: 'mixed',
      rate: 0.3,
      rules: [
        { kind: 'error', status: 503, actions: LOGIN_ACTIONS, when: 'before' },
        { kind: 'reset', actions: LOGIN_ACTIONS, when: 'after' },
      ],
    },
  ],
];

test.each(scenarios)(
  '%s',
  async (_label, scenario) => {
    await expectSafeOutcome(await runScenario(scenario), scenario);
  },
  30_000,
);

test(
  'at a low fault rate the function’s own retries absorb the faults: ' + 'phones signed in at the first call',
  async () => {
    // Resets before the login's first request, at a rate and seed whose draws hit three of the ten phones'
    // first requests and never two draws within four of each other: each faulted invocation's own retry
    // then draws a miss whatever order the requests arrive in. (Faults on every action, after them, make
    // a new user's retry five requests long, and with a seed that hits twice in a row a try can run out.)
    const scenario: Scenario = {
      kind: 'reset',
      rate: 0.2,
      seed: 853,
      rules: [{ kind: 'reset', actions: ['database.modifyAndReturnDoc'], when: 'before' }],
    };
    const run = await runScenario(scenario);
    await expectSafeOutcome(run, scenario);
    const retriedInside = local.cloud.runtime
      .recentInvocations()
      .filter((record) => record.logs.some((line) => line.text.includes('transient database failure, retrying')));
    const signedInAtOnce = new Set(
      run.phones
        .filter((_, i) => (run.launches[i]?.calls[0]?.answer as LoginResult | undefined)?.ok)
        .map((phone) => phone.OPENID),
    );
    // Some invocation retried inside the function and its user's phone still got the login at once.
    const absorbed = retriedInside.filter((record) => record.openid !== undefined && signedInAtOnce.has(record.openid));
    expect(absorbed.length).toBeGreaterThan(0);
  },
  30_000,
);
