/**
 * The console's routes of the simulated phones: launch, the list (`GET phones`, each with its page
 * rendered as the phone shows it), taps, open-type buttons and forms (`act`), answers to what the
 * app waits on (modal, action sheet), back, close, and the pictures the page's images show
 * (screen-images.ts), served only as raster images, inline, never as anything that could run.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Host } from '../host/service';
import { PHONES_SERVICE, type PhonesService } from '../phone/service';
import { sniffImageType } from '../phone/screen-images';
import type { Picture } from '../phone/user-actions';
import { STORAGE_SERVICE, type StorageService } from '../storage/service';
import { SANDBOX_CSP } from '../storage/served-headers';
import * as Api from './api-types';
import { requireService } from './database-api';
import { ConsoleApiError, errorResponse } from './errors';
import { jsonBody, jsonGet } from './routes';
import { phoneView } from './views';

const nonEmpty = z.string().trim().min(1).max(128);
const LaunchSchema: z.ZodType<Api.LaunchPhoneRequest> = z.object({
  openid: nonEmpty,
  appid: nonEmpty,
  unionid: nonEmpty.optional(),
  // What the phone-number button can share: the numbers WeChat's phone-code endpoint takes.
  phoneNumber: z.string().regex(Api.PHONE_NUMBER_PATTERN, Api.PHONE_NUMBER_PROBLEM).optional(),
});
const ActSchema: z.ZodType<Api.ActRequest> = z.object({
  id: z.string().min(1).max(64),
  values: z.record(z.string().max(64), z.string().max(1000)).optional(),
});
const ModalSchema: z.ZodType<Api.ModalAnswerRequest> = z.object({ confirm: z.boolean() });
const SheetSchema: z.ZodType<Api.ActionSheetAnswerRequest> = z.object({
  index: z.number().int().min(0).max(5).nullable(),
});
/** How long an action's answer waits for the page to settle (a consent or a modal may keep it waiting longer). */
const ACT_SETTLE_MS = 300;
const TapSchema: z.ZodType<Api.TapRequest> = z.object({ handler: z.string().min(1).max(64) });
const AvatarSchema: z.ZodType<Api.AvatarAnswerRequest> = z.object({
  image: z.union([
    z.object({ contentBase64: z.string(), contentType: z.string().max(100) }).strict(),
    z.literal('default'),
    z.null(),
  ]),
});
const PhoneNumberSchema: z.ZodType<Api.PhoneNumberAnswerRequest> = z.object({
  phoneNumber: z.string().regex(Api.PHONE_NUMBER_PATTERN, Api.PHONE_NUMBER_PROBLEM).nullable(),
});
/** The body of an avatar answer: the largest picture in base64, and room for the rest. */
export const AVATAR_BODY_BYTES = Math.ceil((Api.MAX_AVATAR_BYTES * 4) / 3) + 4096;
/** The longest image `src` the console looks up. */
const MAX_IMAGE_SRC = 2000;

export function phonesApi(host: Host): Hono {
  const api = new Hono();
  const phones = () => requireService<PhonesService>(host, PHONES_SERVICE);
  api.get(
    '/phones',
    jsonGet((): Api.PhonesResponse => ({ phones: phones().launched().map(phoneView) })),
  );
  jsonBody(api, 'post', '/phones', LaunchSchema, async (body): Promise<Api.PhoneView> => {
    const user = { OPENID: body.openid, APPID: body.appid, ...(body.unionid ? { UNIONID: body.unionid } : {}) };
    return phoneView(await phones().launch(user, body.phoneNumber ? { phoneNumber: body.phoneNumber } : {}));
  });
  jsonBody(api, 'post', '/phones/:id/tap', TapSchema, (body, c): Api.PhoneView => {
    const phone = phones().find(c.req.param('id') ?? '');
    if (!phone?.open()) throw new ConsoleApiError('NOT_FOUND', `phone ${c.req.param('id')} is not running`);
    if (!phone.taps().some((target) => target.handler === body.handler)) {
      throw new ConsoleApiError('NOT_FOUND', `the top page of ${phone.id} shows nothing bound to "${body.handler}"`);
    }
    phones().tap(phone.id, body.handler);
    return phoneView(phone);
  });
  const runningPhone = (id: string | undefined) => {
    const phone = phones().find(id ?? '');
    if (!phone?.open()) throw new ConsoleApiError('NOT_FOUND', `phone ${id} is not running`);
    return phone;
  };
  jsonBody(api, 'post', '/phones/:id/act', ActSchema, async (body, c): Promise<Api.PhoneView> => {
    const phone = runningPhone(c.req.param('id'));
    if (!phone.controls().some((control) => control.id === body.id))
      throw new ConsoleApiError('NOT_FOUND', `the top page of ${phone.id} shows no control "${body.id}"`);
    // a failure shows on the page and in the app's log
    const done = phone.act(body.id, body.values).catch(() => undefined);
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, ACT_SETTLE_MS))]);
    return phoneView(phone);
  });
  jsonBody(api, 'post', '/phones/:id/modal', ModalSchema, async (body, c): Promise<Api.PhoneView> => {
    const phone = runningPhone(c.req.param('id'));
    if (!phone.modal()) throw new ConsoleApiError('NOT_FOUND', `phone ${phone.id} shows no modal`);
    phone.answerModal(body.confirm);
    await new Promise((resolve) => setTimeout(resolve, ACT_SETTLE_MS));
    return phoneView(phone);
  });
  jsonBody(api, 'post', '/phones/:id/action-sheet', SheetSchema, async (body, c): Promise<Api.PhoneView> => {
    const phone = runningPhone(c.req.param('id'));
    const items = phone.actionSheet();
    if (!items) throw new ConsoleApiError('NOT_FOUND', `phone ${phone.id} shows no action sheet`);
    if (body.index !== null && body.index >= items.length)
      throw new ConsoleApiError('INVALID_ARGUMENT', `the action sheet has ${items.length} item(s)`);
    phone.answerActionSheet(body.index ?? undefined);
    await new Promise((resolve) => setTimeout(resolve, ACT_SETTLE_MS));
    return phoneView(phone);
  });
  jsonBody(api, 'post', '/phones/:id/back', z.object({}), (_body, c): Api.PhoneView => {
    const phone = runningPhone(c.req.param('id'));
    if (phone.launch.pages().length < 2)
      throw new ConsoleApiError('NOT_FOUND', `phone ${phone.id} has no page to go back to`);
    phone.back();
    return phoneView(phone);
  });
  jsonBody(api, 'post', '/phones/:id/close', z.object({}), (_body, c) => {
    const phone = phones().find(c.req.param('id') ?? '');
    if (!phone) throw new ConsoleApiError('NOT_FOUND', `no phone ${c.req.param('id')}`);
    phone.launch.close();
    return phoneView(phone);
  });
  jsonBody(
    api,
    'post',
    '/phones/:id/avatar',
    AvatarSchema,
    async (body, c): Promise<Api.PhoneView> => {
      const phone = runningPhone(c.req.param('id'));
      if (!phone.avatarSheet()) throw new ConsoleApiError('NOT_FOUND', `phone ${phone.id} shows no avatar sheet`);
      const { image } = body;
      phone.answerAvatar(image === null ? undefined : image === 'default' ? image : pictureOf(image));
      await new Promise((resolve) => setTimeout(resolve, ACT_SETTLE_MS));
      return phoneView(phone);
    },
    AVATAR_BODY_BYTES,
  );
  jsonBody(api, 'post', '/phones/:id/phone-number', PhoneNumberSchema, async (body, c): Promise<Api.PhoneView> => {
    const phone = runningPhone(c.req.param('id'));
    if (!phone.phoneNumberSheet())
      throw new ConsoleApiError('NOT_FOUND', `phone ${phone.id} shows no phone-number sheet`);
    phone.answerPhoneNumber(body.phoneNumber ?? undefined);
    await new Promise((resolve) => setTimeout(resolve, ACT_SETTLE_MS));
    return phoneView(phone);
  });
  api.get('/phones/:id/image', (c) => {
    try {
      const phone = phones().find(c.req.param('id') ?? '');
      if (!phone) throw new ConsoleApiError('NOT_FOUND', `no phone ${c.req.param('id')}`);
      const src = c.req.query('src') ?? '';
      if (!src || src.length > MAX_IMAGE_SRC)
        throw new ConsoleApiError('INVALID_ARGUMENT', `src must be 1 to ${MAX_IMAGE_SRC} characters`);
      const storage = host.service<StorageService>(STORAGE_SERVICE)?.storage;
      const reader = { kind: 'user', openid: phone.device.user.OPENID } as const;
      const image = phone.image(src, (fileId) => storage?.read(reader, fileId).bytes);
      if (!image) throw new ConsoleApiError('NOT_FOUND', `the phone ${phone.id} has no image at ${src}`);
      return new Response(image.bytes, {
        status: 200,
        headers: {
          'content-type': image.contentType,
          'content-length': String(image.bytes.byteLength),
          'content-disposition': 'inline',
          'x-content-type-options': 'nosniff',
          'content-security-policy': SANDBOX_CSP,
          'cache-control': 'private, max-age=60',
        },
      });
    } catch (error) {
      return errorResponse(c, error);
    }
  });
  return api;
}

/** The picture sent for the avatar sheet, checked as WeChat's sheet would give it: a real image of its type. */
function pictureOf(image: { contentBase64: string; contentType: string }): Picture {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(image.contentBase64))
    throw new ConsoleApiError('INVALID_ARGUMENT', '图片不是 base64 / the picture is not base64');
  const bytes = Buffer.from(image.contentBase64, 'base64');
  const contentType = image.contentType.toLowerCase();
  const problem = Api.avatarProblem(contentType, bytes.byteLength);
  if (problem) throw new ConsoleApiError('INVALID_ARGUMENT', problem);
  if (sniffImageType(bytes) !== contentType) {
    throw new ConsoleApiError(
      'INVALID_ARGUMENT',
      `文件内容不是 ${contentType} 图片 / the file's content is not a ${contentType} picture`,
    );
  }
  return { bytes, contentType };
}
