/** The database's side of the store's storability rule: an unstorable document is the caller's INVALID_PARAM. */
import { invalidParam } from '../host/errors';
import { assertStorable, UnstorableValueError } from '../store/storable';

/** Refuses, with the service's error and before anything is written, a document the store could not replay exactly. */
export function assertStorableDoc(doc: Record<string, unknown>): void {
  try {
    assertStorable(doc);
  } catch (error) {
    if (error instanceof UnstorableValueError)
      throw invalidParam(`document ${JSON.stringify(doc._id) ?? ''}: ${error.message}`);
    throw error;
  }
}
