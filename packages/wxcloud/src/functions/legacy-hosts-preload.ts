/** Loaded with `node --require` into the processes `wxcloud exec` runs: see legacy-hosts.ts. */
import { routeLegacyHosts } from './legacy-hosts';

routeLegacyHosts();
