/**
 * WeChat's open APIs as an emulated service, serving every service's capabilities (capability.ts)
 * on both wires:
 * - `POST /admin` action `wx.openApi` (multipart from node-sdk): a protobuf `CommApiData` in, a
 *   `CommOpenApiResp` out; the calling function is known from the API token the runtime gave its
 *   invocation. Checked in the service's order: an API its config.json does not declare fails with
 *   -604101, then an API nobody serves with -604100;
 * - `<base>/wechat-api/<httpPath>?access_token=…` (http-wire.ts), what a developer's server calls;
 * - `POST /wechat/phone-code` `{ openid, appid, phoneNumber, countryCode? }` -> `{ code, cloudID }`
 *   (behind the host's local-only guard, as every route):
 *   what the phone-number button gives that user (the simulated phone's button calls it).
 * CloudIDs made here are also how `wx.cloud.CloudID` values in callFunction data get decrypted.
 */
import { z } from 'zod';
import { formatZodError } from '../zod-messages';
import { RAW_REPLY, defineAction, type RawReply } from '../host/actions';
import { verifyApiToken } from '../host/api-token';
import { invalidParam } from '../host/errors';
import type { EmulatorApp } from '../host/server';
import type { EmulatorService, Host, ServiceFactory } from '../host/service';
import { WECHAT_SERVICE, type AccessTokens } from '../wechat/names';
import { WechatError } from '../wechat/errors';
import { openApiCapabilities, type OpenApiState } from './apis';
import { allCapabilities, BINARY_ANSWER, isBinaryAnswer, type OpenApiCapability } from './capability';
import { registerHttpWire } from './http-wire';
import { CloudIds, type OpenData } from './cloud-ids';
import { declaredOpenApis } from './permissions';
import { PhoneCodes, type MintedView, type PhoneOwner } from './phone-codes';
import {
  API_TYPE,
  decodeCommApiData,
  decodeGetOpenDataRequest,
  encodeGetOpenDataResponse,
  encodeResponse,
  openApiData,
  type CommApiData,
} from './protobuf';
import { DEFAULT_SEC_CHECK_WORDS, MAX_CHECKED_IMAGE_BYTES, type SecCheckWords } from './sec-check';
import { CLOUD_CALL_ERROR_CODES } from './cloud-call-errors';
import { replaceCloudIds } from './cloud-id-data';
import type { PrepareClientData } from '../functions/client-endpoint';

export const OPENAPI_SERVICE = 'openapi';
const MAX_PHONE_CODE_BODY_BYTES = 4096;

export interface OpenApiServiceOptions {
  functionsRoot: string;
  /** Words msgSecCheck finds risky or to review (default DEFAULT_SEC_CHECK_WORDS). */
  secCheckWords?: SecCheckWords;
  now?: () => number;
}

export interface OpenApiService extends EmulatorService {
  /** What the phone-number button gives `owner` for `purePhoneNumber`. */
  mintPhoneCode(owner: PhoneOwner, purePhoneNumber: string, countryCode?: string): { code: string; cloudID: string };
  /** The open data behind a cloudID, if `caller` may read it. */
  readCloudId(cloudID: string, caller: PhoneOwner): OpenData;
  setSecCheckWords(words: SecCheckWords): void;
  /** The phone codes minted lately (the console's WeChat tab). */
  mintedPhoneCodes(): MintedView[];
}

/** The host hands multipart byte fields over as base64 (server.ts envelopeText). */
const OpenApiEnvelope = z.object({
  apiName: z.string().min(1).max(200),
  requestData: z.string().base64(),
  wxCloudApiToken: z.string().optional(),
});

const PhoneCodeRequest = z
  .object({
    openid: z.string().min(1).max(128),
    appid: z.string().min(1).max(64),
    phoneNumber: z.string().regex(/^\d{5,15}$/),
    countryCode: z
      .string()
      .regex(/^\d{1,4}$/)
      .optional(),
  })
  .strict();

export function openApiService(options: OpenApiServiceOptions): ServiceFactory<OpenApiService> {
  return (host) => {
    const state = {
      phoneCodes: new PhoneCodes(options.now),
      cloudIds: new CloudIds(options.now),
      current: options.secCheckWords ?? DEFAULT_SEC_CHECK_WORDS,
    };
    const apiState: OpenApiState = {
      phoneCodes: state.phoneCodes,
      cloudIds: state.cloudIds,
      words: () => state.current,
    };
    const mintPhoneCode = (owner: PhoneOwner, phone: string, countryCode?: string) => ({
      code: state.phoneCodes.mint(owner, phone, countryCode),
      cloudID: state.cloudIds.make(owner, {
        phoneNumber: phone,
        purePhoneNumber: phone,
        countryCode: countryCode ?? '86',
      }),
    });
    const capabilities = () => allCapabilities(host.services());
    const call = { functionsRoot: options.functionsRoot, capabilities, apiState };
    return {
      name: OPENAPI_SERVICE,
      openApis: openApiCapabilities(apiState),
      actions: {
        'wx.openApi': defineAction({
          schema: OpenApiEnvelope,
          handle: async (params) =>
            raw(
              await answerCall(params.apiName, Buffer.from(params.requestData, 'base64'), params.wxCloudApiToken, call),
            ),
        }),
      },
      // imgSecCheck takes an image of up to 1 MB, in a form: its own answer (40006) says when one is too large.
      bodyLimits: {
        '/wechat/phone-code': MAX_PHONE_CODE_BODY_BYTES,
        '/wechat-api/wxa/img_sec_check': MAX_CHECKED_IMAGE_BYTES * 2,
      },
      routes: (app) => registerPhoneCodeRoute(app, mintPhoneCode),
      // Every /wechat-api/ path the WeChat service does not answer itself: capabilities, else 48001.
      fallbackRoutes: (app) => registerHttpWire(app, { capabilities, appOfToken: (token) => appOfToken(host, token) }),
      mintPhoneCode,
      readCloudId: (cloudID, caller) => state.cloudIds.read(cloudID, caller),
      setSecCheckWords: (words) => void (state.current = words),
      mintedPhoneCodes: () => state.phoneCodes.minted(),
      reset: () => {
        state.phoneCodes.clear();
        state.cloudIds.clear();
        state.current = options.secCheckWords ?? DEFAULT_SEC_CHECK_WORDS;
      },
    };
  };
}

function raw(body: Uint8Array): Record<string, unknown> {
  const reply: RawReply = { body, contentType: 'application/octet-stream' };
  return { [RAW_REPLY]: reply };
}

function appOfToken(host: Host, token: string): string {
  const wechat = host.service<EmulatorService & { state: AccessTokens }>(WECHAT_SERVICE);
  if (!wechat) throw new WechatError(token ? 'INVALID_CREDENTIAL' : 'MISSING_ACCESS_TOKEN');
  return wechat.state.appOfToken(token);
}

interface CallParts {
  functionsRoot: string;
  capabilities(): OpenApiCapability[];
  apiState: OpenApiState;
}

async function answerCall(
  apiName: string,
  requestData: Buffer,
  token: string | undefined,
  parts: CallParts,
): Promise<Uint8Array> {
  const claims = verifyApiToken(token);
  if (!claims) return encodeResponse({ errorCode: CLOUD_CALL_ERROR_CODES.ILLEGAL_SOURCE });
  let request: CommApiData;
  try {
    request = decodeCommApiData(requestData);
  } catch (error) {
    throw invalidParam(`wx.openApi: requestData is not a CommApiData message: ${(error as Error).message}`);
  }
  const caller = { openid: claims.openid ?? '', appid: claims.appid ?? '' };
  if (request.apiType === API_TYPE.SVRKIT_API && request.svrkitData?.apiName === 'ApiGetOpenDataByCloudId')
    return openData(request, caller, parts.apiState);
  // The service's order: the permission declared in config.json first, then whether the API exists.
  if (!declaredOpenApis(parts.functionsRoot, claims.functionName).includes(apiName))
    return encodeResponse({ errorCode: CLOUD_CALL_ERROR_CODES.NO_PERMISSION });
  const capability =
    request.apiType === API_TYPE.OPEN_API
      ? parts.capabilities().find((candidate) => candidate.cloudName === apiName)
      : undefined;
  if (!capability) return encodeResponse({ errorCode: CLOUD_CALL_ERROR_CODES.API_NOT_FOUND });
  const answer = await capability.handle(openApiData(request), {
    ...caller,
    functionName: claims.functionName,
    wire: 'cloud',
  });
  if (isBinaryAnswer(answer))
    return encodeResponse({ respData: answer[BINARY_ANSWER].bytes, contentType: answer[BINARY_ANSWER].contentType });
  return encodeResponse({
    respData: Buffer.from(JSON.stringify(answer)),
    contentType: 'application/json; charset=utf-8',
  });
}

function openData(request: CommApiData, caller: PhoneOwner, state: OpenApiState): Uint8Array {
  const { cloudidList } = decodeGetOpenDataRequest(request.svrkitData?.reqData ?? new Uint8Array());
  const items = [];
  for (const cloudID of cloudidList) {
    const read = state.cloudIds.read(cloudID, caller);
    if (!read.ok) return encodeResponse({ errorCode: read.errorCode });
    items.push({ cloudId: cloudID, json: JSON.stringify({ cloudID, data: read.data }) });
  }
  return encodeResponse({ respData: encodeGetOpenDataResponse(items), contentType: 'application/octet-stream' });
}

function registerPhoneCodeRoute(app: EmulatorApp, mint: OpenApiService['mintPhoneCode']): void {
  // Host, Origin, content type and body size are checked by the host's guard (bodyLimits below).
  app.post('/wechat/phone-code', async (c) => {
    const text = await c.req.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return c.json({ errcode: 47001, errmsg: 'body is not JSON' }, 400);
    }
    const parsed = PhoneCodeRequest.safeParse(json);
    if (!parsed.success)
      return c.json({ errcode: 47001, errmsg: `invalid parameters: ${formatZodError(parsed.error)}` }, 400);
    const { openid, appid, phoneNumber, countryCode } = parsed.data;
    return c.json(mint({ openid, appid }, phoneNumber, countryCode));
  });
}

/**
 * For the functions service: CloudIDs in a phone's callFunction data replaced by their open data (cloud-id-data.ts).
 */
export function openApiCloudIds(host: Host): PrepareClientData {
  return (data, wxContext) => {
    const openapi = host.service<OpenApiService>(OPENAPI_SERVICE);
    if (!openapi || !wxContext) return data;
    return replaceCloudIds(data, { openid: wxContext.OPENID, appid: wxContext.APPID }, openapi.readCloudId) as Record<
      string,
      unknown
    >;
  };
}
