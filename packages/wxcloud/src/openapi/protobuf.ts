/**
 * The protobuf messages of the `wx.openApi` wire, as wx-server-sdk 4.x defines them (module
 * `./src/protobuf/openapi.js` of its bundle; field numbers copied from its decoders). The request
 * is a `CommApiData`: an OPEN_API call carries `openapiData.pairs` (each key's value JSON-encoded),
 * a SVRKIT_API call (cloud.getOpenData) an inner message in `svrkitData.reqData`. The answer is a
 * `CommOpenApiResp`: WeChat's JSON in `respData` with its content type, or an `errorCode`.
 */
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
    ApiGetOpenDataByCloudIdReq: {
      fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } },
    },
    ApiGetOpenDataByCloudIdResp: {
      fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } },
      nested: { OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } } },
    },
  },
});

const type = (name: string) => root.lookupType(name);
export const API_TYPE = { OPEN_API: 0, SVRKIT_API: 2 } as const;

export interface CommApiData {
  apiType: number;
  openapiData?: { pairs?: { key: string; value: Uint8Array }[] };
  svrkitData?: { apiName: string; reqData: Uint8Array };
  appid?: string;
}

export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  const message = type('CommApiData').decode(bytes);
  return type('CommApiData').toObject(message, { defaults: true }) as CommApiData;
}

/** The data of an OPEN_API call: each pair's value is JSON (wx-server-sdk encodes every key that way). */
export function openApiData(request: CommApiData): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const pair of request.openapiData?.pairs ?? []) {
    const text = Buffer.from(pair.value).toString('utf8');
    try {
      data[pair.key] = JSON.parse(text);
    } catch {
      data[pair.key] = text;
    }
  }
  return data;
}

export function encodeResponse(fields: {
  respData?: Uint8Array;
  contentType?: string;
  errorCode?: number;
  svrkitErrorCode?: number;
}): Uint8Array {
  const message = type('CommOpenApiResp').fromObject({ httpCode: 200, svrkitErrorCode: 0, errorCode: 0, ...fields });
  return type('CommOpenApiResp').encode(message).finish();
}

export function decodeGetOpenDataRequest(bytes: Uint8Array): { cloudidList: string[] } {
  const message = type('ApiGetOpenDataByCloudIdReq').decode(bytes);
  return type('ApiGetOpenDataByCloudIdReq').toObject(message, { arrays: true }) as { cloudidList: string[] };
}

export function encodeGetOpenDataResponse(items: { cloudId: string; json: string }[]): Uint8Array {
  const resp = type('ApiGetOpenDataByCloudIdResp');
  return resp.encode(resp.fromObject({ dataList: items })).finish();
}
