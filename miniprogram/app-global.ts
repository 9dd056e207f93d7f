/** What the app keeps in `globalData`, shared by its pages (and by the simulated phone's types). */
import type { ApiClient } from './services/api-client';
import type { AuthService } from './services/auth';
import type { PrivacyGate } from './services/privacy-gate';

export interface AppGlobal {
  auth: AuthService;
  /** Pending privacy consent, shown by the page that is open (wx.onNeedPrivacyAuthorization). */
  privacy: PrivacyGate;
  /** The client of your own server (code2Session login), when API_BASE_URL is set in config.ts. */
  api: ApiClient | null;
}
