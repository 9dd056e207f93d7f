/** The errcode of the WechatError `run` throws; fails the test when it throws nothing or something else. */
import { WechatError } from '../src/wechat/errors';

export function errcodeOf(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    if (error instanceof WechatError) return error.body.errcode;
    throw error;
  }
  throw new Error('expected a WeChat error');
}
