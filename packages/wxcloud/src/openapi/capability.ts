/**
 * One WeChat capability, implemented once and served on both wires: as a cloud call
 * (`cloud.openapi.<cloudName>` over `wx.openApi`, openapi/service.ts) and as WeChat's HTTP API
 * (`<base>/wechat-api/<httpPath>?access_token=…`, openapi/http-wire.ts). Any service contributes
 * capabilities through its `openApis` list, the way it contributes `/admin` actions; each wire
 * checks what the service checks, in the service's order, before `handle` runs.
 */

type Json = Record<string, unknown>;

/** Who calls: the app always; the mini-program user on the cloud wire (the invocation's), never over HTTP. */
export interface CapabilityCaller {
  appid: string;
  /**
   * The user of the function invocation (cloud wire); undefined over HTTP, where the server names users in the data.
   */
  openid?: string;
  /** The calling function (cloud wire only). */
  functionName?: string;
  wire: 'cloud' | 'http';
}

/** An answer that is bytes, not JSON (a mini-program code's PNG). */
export const BINARY_ANSWER = Symbol('binary answer');
export interface BinaryAnswer {
  [BINARY_ANSWER]: { bytes: Uint8Array; contentType: string };
}

export type CapabilityAnswer = Json | BinaryAnswer;

export interface OpenApiCapability {
  /** `<namespace>.<api>`: what wx-server-sdk sends as apiName and config.json declares; none: HTTP only. */
  readonly cloudName?: string;
  /** Path below `/wechat-api/` (`wxa/business/getuserphonenumber`); none: cloud call only. */
  readonly httpPath?: string;
  /** Data in snake_case, as on both wires; answers WeChat's JSON (`errcode` 0 or WeChat's error). */
  handle(data: Json, caller: CapabilityCaller): CapabilityAnswer | Promise<CapabilityAnswer>;
}

export function isBinaryAnswer(answer: CapabilityAnswer): answer is BinaryAnswer {
  return BINARY_ANSWER in answer;
}

/** The capabilities every service contributes, asked at call time (all services are made by then). */
export function allCapabilities(
  services: readonly { readonly openApis?: readonly OpenApiCapability[] }[],
): OpenApiCapability[] {
  return services.flatMap((service) => service.openApis ?? []);
}
