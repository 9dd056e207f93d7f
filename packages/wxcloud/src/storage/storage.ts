/**
 * Cloud storage without HTTP: upload tickets, signed download URLs, batch operations, and the
 * default permission of a phone (only a file's creator reads and writes it; a function, the
 * console and the admin wire may do anything). Results use the platform's per-file codes.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { FileStore, StoredFileMeta } from './file-store';
import { cloudPathOf, cloudPathProblem, fileIdOf } from './naming';

/** Largest file the emulator stores (its choice: COS itself takes 5 GB in one PUT). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** How long an upload URL from getUploadMetadata stays valid. */
export const UPLOAD_TICKET_TTL_MS = 10 * 60_000;
/** Most upload URLs open at once, however fast they are asked for (the oldest lapse first). */
export const MAX_OPEN_UPLOADS = 1_000;
/** maxAge of a temporary URL when the caller gives none (the platform's default, one day). */
export const DEFAULT_MAX_AGE_SECONDS = 86_400;

/** Who acts: a phone user (the permission applies) or the admin side (functions, console). */
export type StorageActor = { kind: 'user'; openid: string } | { kind: 'admin' };

export type FileResult = {
  fileID: string;
  code: 'SUCCESS' | 'STORAGE_FILE_NONEXIST' | 'STORAGE_EXCEED_AUTHORITY' | 'INVALID_PARAM';
};

interface Ticket {
  cloudPath: string;
  openid?: string;
  expiresAt: number;
}

export class CloudStorage {
  private readonly tickets = new Map<string, Ticket>();
  private readonly key = randomBytes(32);

  constructor(
    private readonly files: FileStore,
    private readonly envId: string,
    private readonly baseUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** What `storage.getUploadMetadata` answers: where to PUT the file, and the id it will have. */
  uploadTicket(
    cloudPath: string,
    openid?: string,
  ): { url: string; token: string; fileId: string; cosFileId: string } | { problem: string } {
    const problem = cloudPathProblem(cloudPath);
    if (problem) return { problem };
    const token = randomUUID();
    for (const [old, ticket] of this.tickets)
      if (ticket.expiresAt < this.now() || this.tickets.size >= MAX_OPEN_UPLOADS) this.tickets.delete(old);
    this.tickets.set(token, { cloudPath, openid, expiresAt: this.now() + UPLOAD_TICKET_TTL_MS });
    return {
      url: `${this.baseUrl}/storage/upload/${token}`,
      token,
      fileId: fileIdOf(this.envId, cloudPath),
      cosFileId: token,
    };
  }

  /** Stores the body of an upload URL. Errors use COS's codes. */
  acceptUpload(
    token: string,
    bytes: Uint8Array,
    contentType: string,
  ): { ok: true } | { ok: false; status: number; code: string; message: string } {
    const ticket = this.tickets.get(token);
    if (!ticket || ticket.expiresAt < this.now())
      return { ok: false, status: 403, code: 'AccessDenied', message: 'upload URL is unknown or expired' };
    if (bytes.byteLength > MAX_FILE_BYTES)
      return { ok: false, status: 400, code: 'EntityTooLarge', message: `file exceeds ${MAX_FILE_BYTES} bytes` };
    this.tickets.delete(token);
    this.files.put(this.meta(ticket.cloudPath, ticket.openid, bytes.byteLength, contentType), bytes);
    return { ok: true };
  }

  /** A phone's upload, in one step. */
  uploadAs(
    actor: StorageActor,
    cloudPath: string,
    bytes: Uint8Array,
    contentType: string,
  ): FileResult | { problem: string } {
    const problem =
      cloudPathProblem(cloudPath) ??
      (bytes.byteLength > MAX_FILE_BYTES ? `file exceeds ${MAX_FILE_BYTES} bytes` : undefined);
    if (problem) return { problem };
    const fileID = fileIdOf(this.envId, cloudPath);
    const existing = this.files.meta(cloudPath);
    if (existing && !this.mayAccess(actor, existing)) return { fileID, code: 'STORAGE_EXCEED_AUTHORITY' };
    this.files.put(
      this.meta(cloudPath, actor.kind === 'user' ? actor.openid : undefined, bytes.byteLength, contentType),
      bytes,
    );
    return { fileID, code: 'SUCCESS' };
  }

  temporaryUrls(
    actor: StorageActor,
    list: { fileID: string; maxAge?: number }[],
  ): (FileResult & { tempFileURL: string; maxAge: number })[] {
    return list.map(({ fileID, maxAge = DEFAULT_MAX_AGE_SECONDS }) => {
      const checked = this.check(actor, fileID);
      if (checked.code !== 'SUCCESS') return { ...checked, tempFileURL: '', maxAge };
      const expires = Math.floor(this.now() / 1000) + maxAge;
      const cloudPath = cloudPathOf(this.envId, fileID) ?? '';
      const encodedPath = cloudPath.split('/').map(encodeURIComponent).join('/');
      const url = `${this.baseUrl}/storage/files/${encodedPath}?t=${expires}&sign=${this.sign(cloudPath, expires)}`;
      return { ...checked, tempFileURL: url, maxAge };
    });
  }

  remove(actor: StorageActor, fileIDs: string[]): FileResult[] {
    return fileIDs.map((fileID) => {
      const checked = this.check(actor, fileID);
      if (checked.code === 'SUCCESS') this.files.remove(cloudPathOf(this.envId, fileID) ?? '');
      return checked;
    });
  }

  read(actor: StorageActor, fileID: string): { result: FileResult; bytes?: Uint8Array } {
    const result = this.check(actor, fileID);
    return result.code === 'SUCCESS'
      ? { result, bytes: this.files.read(cloudPathOf(this.envId, fileID) ?? '') }
      : { result };
  }

  /** The file behind a temporary URL, if its signature holds and it has not expired. */
  readSigned(cloudPath: string, expires: number, sign: string): { bytes: Uint8Array; contentType: string } | undefined {
    const expected = Buffer.from(this.sign(cloudPath, expires));
    const given = Buffer.from(sign);
    if (expected.length !== given.length || !timingSafeEqual(expected, given) || expires * 1000 < this.now())
      return undefined;
    const meta = this.files.meta(cloudPath);
    const bytes = this.files.read(cloudPath);
    return meta && bytes ? { bytes, contentType: meta.contentType } : undefined;
  }

  /** How many upload URLs are open (what the bounded-state tests watch). */
  openUploads(): number {
    return this.tickets.size;
  }

  /** Every stored file, newest first (the console's list). */
  list(): (StoredFileMeta & { fileID: string })[] {
    return this.files
      .list()
      .sort((a, b) => b.uploadedAt.localeCompare(a.uploadedAt) || a.cloudPath.localeCompare(b.cloudPath))
      .map((meta) => ({ ...meta, fileID: fileIdOf(this.envId, meta.cloudPath) }));
  }

  clear(): void {
    this.tickets.clear();
    this.files.clear();
  }

  private check(actor: StorageActor, fileID: string): FileResult {
    const cloudPath = cloudPathOf(this.envId, fileID);
    if (cloudPath === undefined) return { fileID, code: 'INVALID_PARAM' };
    const meta = this.files.meta(cloudPath);
    if (!meta) return { fileID, code: 'STORAGE_FILE_NONEXIST' };
    return { fileID, code: this.mayAccess(actor, meta) ? 'SUCCESS' : 'STORAGE_EXCEED_AUTHORITY' };
  }

  private mayAccess(actor: StorageActor, meta: StoredFileMeta): boolean {
    return actor.kind === 'admin' || (meta.openid !== undefined && meta.openid === actor.openid);
  }

  private meta(cloudPath: string, openid: string | undefined, size: number, contentType: string): StoredFileMeta {
    return {
      cloudPath,
      ...(openid ? { openid } : {}),
      size,
      contentType,
      uploadedAt: new Date(this.now()).toISOString(),
    };
  }

  private sign(cloudPath: string, expires: number): string {
    return createHmac('sha256', this.key).update(`${cloudPath}\n${expires}`).digest('hex').slice(0, 32);
  }
}
