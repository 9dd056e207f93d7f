/** What the app keeps in `globalData`, shared by its pages (and by the simulated phone's types). */
import type { AuthService } from './services/auth';

export interface AppGlobal {
  auth: AuthService;
}
