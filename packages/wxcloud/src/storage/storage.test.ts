/**
 * Cloud storage through the real, unmodified wx-server-sdk (upload metadata, the PUT to the URL
 * it names, temporary URLs, download, delete), the phone's client route under the default
 * permission, and files that outlive a restart of a durable emulator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../host/emulator';
import { useEmulator } from '../../test-support/use-emulator';
import { bucketOf } from './naming';
import { storageService, STORAGE_SERVICE, type StorageService } from './service';
import { MAX_FILE_BYTES } from './storage';

const emu = useEmulator({ services: [storageService()] });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sdk = () => emu.cloud() as any;
const ALICE = { OPENID: 'o-alice-storage', APPID: 'wx-storage' };
const BOB = { OPENID: 'o-bob-storage', APPID: 'wx-storage' };

async function client(body: Record<string, unknown>) {
  const response = await fetch(`${emu.emulator.baseUrl}/client/storage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('storage through wx-server-sdk', () => {
  it('uploads, hands out a temporary URL, downloads and deletes a file with the platform file id', async () => {
    const { fileID } = await sdk().uploadFile({ cloudPath: 'avatars/a.png', fileContent: Buffer.from('png bytes') });
    expect(fileID).toBe(`cloud://${emu.emulator.envId}.${bucketOf(emu.emulator.envId)}/avatars/a.png`);
    const { fileList } = await sdk().getTempFileURL({ fileList: [fileID] });
    expect(fileList[0]).toMatchObject({ fileID, status: 0 });
    expect(await (await fetch(fileList[0].tempFileURL)).text()).toBe('png bytes');
    const { fileContent } = await sdk().downloadFile({ fileID });
    expect(Buffer.from(fileContent).toString()).toBe('png bytes');
    const deleted = await sdk().deleteFile({ fileList: [fileID] });
    expect(deleted.fileList).toEqual([{ fileID, status: 0, errMsg: 'ok' }]);
    const again = await sdk().getTempFileURL({ fileList: [fileID] });
    expect(again.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' });
  });

  it('refuses a cloud path against the naming rules', async () => {
    // node-sdk throws the service's code itself (wx-server-sdk never sees the answer).
    await expect(
      sdk().uploadFile({ cloudPath: '/leading-slash.png', fileContent: Buffer.from('x') }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM', errMsg: expect.stringMatching(/must not start with/) });
    await expect(sdk().uploadFile({ cloudPath: 'a//b.png', fileContent: Buffer.from('x') })).rejects.toMatchObject({
      code: 'INVALID_PARAM',
    });
  });

  it('refuses a file over the size limit with the COS error, storing nothing', async () => {
    await expect(
      sdk().uploadFile({ cloudPath: 'big.bin', fileContent: Buffer.alloc(MAX_FILE_BYTES + 1) }),
    ).rejects.toMatchObject({ errMsg: expect.stringMatching(/EntityTooLarge/) });
    const storage = emu.emulator.service<StorageService>(STORAGE_SERVICE)?.storage;
    expect(
      storage?.read({ kind: 'admin' }, `cloud://${emu.emulator.envId}.${bucketOf(emu.emulator.envId)}/big.bin`).result
        .code,
    ).toBe('STORAGE_FILE_NONEXIST');
  });

  it('refuses a tampered or expired temporary URL', async () => {
    const { fileID } = await sdk().uploadFile({ cloudPath: 'x.txt', fileContent: Buffer.from('x') });
    const { fileList } = await sdk().getTempFileURL({ fileList: [{ fileID, maxAge: 60 }] });
    const url = new URL(fileList[0].tempFileURL);
    url.searchParams.set('t', String(Number(url.searchParams.get('t')) + 1000));
    expect((await fetch(url)).status).toBe(403);
  });
});

test('refuses a request whose Host is not a loopback name (DNS rebinding)', async () => {
  const { fileID } = await sdk().uploadFile({ cloudPath: 'x.txt', fileContent: Buffer.from('x') });
  const { fileList } = await sdk().getTempFileURL({ fileList: [fileID] });
  const status = await new Promise<number>((resolve, reject) => {
    const request = http.get(
      fileList[0].tempFileURL,
      { headers: { host: 'evil.example' } },
      (response) => (response.resume(), resolve(response.statusCode ?? 0)),
    );
    request.on('error', reject);
  });
  expect(status).toBe(403);
  expect((await fetch(fileList[0].tempFileURL)).status).toBe(200);
});

describe('storage from a phone (POST /client/storage)', () => {
  it('lets only the creator read, overwrite and delete a file', async () => {
    const upload = await client({
      wxContext: ALICE,
      op: 'uploadFile',
      cloudPath: 'avatars/alice.png',
      contentBase64: Buffer.from('alice').toString('base64'),
      contentType: 'image/png',
    });
    expect(upload).toMatchObject({
      status: 200,
      body: { fileID: expect.stringMatching(/^cloud:\/\/.+\/avatars\/alice\.png$/) },
    });
    const fileID = upload.body.fileID as string;
    expect((await client({ wxContext: ALICE, op: 'downloadFile', fileID })).body.contentBase64).toBe(
      Buffer.from('alice').toString('base64'),
    );
    expect(await client({ wxContext: BOB, op: 'downloadFile', fileID })).toMatchObject({
      status: 403,
      body: { errCode: -503002 },
    });
    expect(
      await client({ wxContext: BOB, op: 'uploadFile', cloudPath: 'avatars/alice.png', contentBase64: 'Ym9i' }),
    ).toMatchObject({ status: 403 });
    expect((await client({ wxContext: BOB, op: 'getTempFileURL', fileList: [{ fileID }] })).body.fileList).toEqual([
      expect.objectContaining({ status: -503002, tempFileURL: '' }),
    ]);
    expect((await client({ wxContext: BOB, op: 'deleteFile', fileList: [fileID] })).body.fileList).toEqual([
      expect.objectContaining({ status: -503002 }),
    ]);
    expect((await client({ wxContext: ALICE, op: 'deleteFile', fileList: [fileID] })).body.fileList).toEqual([
      expect.objectContaining({ status: 0 }),
    ]);
  });

  it('keeps a file a function uploaded away from every phone', async () => {
    const { fileID } = await sdk().uploadFile({ cloudPath: 'admin-only.txt', fileContent: Buffer.from('secret') });
    expect(await client({ wxContext: ALICE, op: 'downloadFile', fileID })).toMatchObject({ status: 403 });
  });

  it('answers bad requests with INVALID_PARAM and writes nothing', async () => {
    expect(await client({ op: 'uploadFile', cloudPath: 'a.png', contentBase64: '' })).toMatchObject({
      status: 400,
      body: { errCode: -501007 },
    });
    expect(await client({ wxContext: ALICE, op: 'uploadFile', cloudPath: '', contentBase64: 'eA==' })).toMatchObject({
      status: 400,
      body: { errCode: -503001 },
    });
  });
});

test("files (and the console's list of them) outlive a restart of a durable emulator", async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'storage-durable-'));
  try {
    const first = await startEmulator({ dataDir, services: [storageService()] });
    const post = (base: string, body: Record<string, unknown>) =>
      fetch(`${base}/client/storage`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const uploaded = (await (
      await post(first.baseUrl, {
        wxContext: ALICE,
        op: 'uploadFile',
        cloudPath: 'keep.txt',
        contentBase64: 'a2VlcA==',
      })
    ).json()) as { fileID: string };
    await first.stop();
    const second = await startEmulator({ dataDir, services: [storageService()] });
    const read = (await (
      await post(second.baseUrl, { wxContext: ALICE, op: 'downloadFile', fileID: uploaded.fileID })
    ).json()) as { contentBase64: string };
    expect(read.contentBase64).toBe('a2VlcA==');
    const listed = second.service<StorageService>(STORAGE_SERVICE)?.storage.list();
    expect(listed).toEqual([
      expect.objectContaining({ cloudPath: 'keep.txt', openid: ALICE.OPENID, size: 4, fileID: uploaded.fileID }),
    ]);
    await second.stop();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
