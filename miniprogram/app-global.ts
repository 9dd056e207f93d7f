/** What the app keeps in `globalData`, shared by its pages (and by the simulated phone's types). */
import type { AuthService } from './services/auth';
import type { PrivacyGate } from './services/privacy-gate';

export interface AppGlobal {
  auth: AuthService;
  /** Pending privacy consent, shown by the page that is open (wx.onNeedPrivacyAuthorization). */
  privacy: PrivacyGate;
}
