/**
 * The caller of a simulated phone's request: who WeChat says the user is (what `getWXContext()`
 * gives a cloud function called from that phone). One type and one schema for every wire that
 * carries it: the client endpoint, the client database and the services that join them.
 */
import { z } from 'zod';

const nonEmpty = z.string().min(1);

export const WxContextSchema = z
  .object({
    OPENID: nonEmpty,
    APPID: nonEmpty,
    UNIONID: nonEmpty.optional(),
    /** The phone's IP as the platform sees it (127.0.0.1 by default). */
    CLIENTIP: nonEmpty.optional(),
  })
  .strict();

export type WxContext = z.infer<typeof WxContextSchema>;
