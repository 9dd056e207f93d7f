/**
 * The seam between the profile functions and cloud storage: whether a file exists, and removing
 * files. `cloud-file-storage.ts` implements it with wx-server-sdk (the admin side: no permission
 * applies); tests use an in-memory one.
 */
export interface FileStorage {
  exists(fileId: string): Promise<boolean>;
  /** Removes the files; a file already gone counts as removed. Returns how many existed. */
  remove(fileIds: string[]): Promise<number>;
}
