/**
 * The transaction suites' fixture: the database with an `accounts` collection holding a (100) and
 * b (0) before each test, a clock the test moves (transactions expire after 30 s), and both SDKs.
 */
import { useEmulator, type TestDatabase } from '../../../test-support/use-emulator';
import { nodeSdkDatabase } from './sdk-clients';

export function useAccounts() {
  const clock = {
    offset: 0,
    now: () => new Date(Date.now() + clock.offset),
    advance: (ms: number) => {
      clock.offset += ms;
    },
  };
  const emu = useEmulator({ collections: ['accounts'], now: clock.now });

  async function balance(db: TestDatabase, id: string): Promise<number | undefined> {
    const res = await db.collection('accounts').where({ _id: id }).get();
    return (res.data[0] as { balance?: number } | undefined)?.balance;
  }

  beforeEach(async () => {
    await emu
      .database()
      .collection('accounts')
      .add({
        data: [
          { _id: 'a', balance: 100 },
          { _id: 'b', balance: 0 },
        ],
      });
  });

  return { emu, clock, balance, nodeSdkDatabase: () => nodeSdkDatabase(emu) };
}
