/**
 * Simulated phones as an emulated service: phones made here run the mini-program's own code
 * against this emulator, and are closed (timers cleared, pages unloaded) on reset and stop.
 */
import type { EmulatorService, ServiceFactory } from '../host/service';
import { SimulatedDevice, type DeviceOptions, type SimulatedUser } from './device';

export const PHONES_SERVICE = 'phones';

export interface PhonesService extends EmulatorService {
  /** A new phone signed in to WeChat as `user`, pointed at this emulator. */
  phone(user: SimulatedUser, options?: Omit<DeviceOptions, 'baseUrl' | 'user'>): SimulatedDevice;
}

export function phonesService(defaults: Omit<DeviceOptions, 'baseUrl' | 'user'> = {}): ServiceFactory<PhonesService> {
  return (host) => {
    const phones = new Set<SimulatedDevice>();
    const closeAll = () => {
      for (const phone of phones) phone.close();
      phones.clear();
    };
    return {
      name: PHONES_SERVICE,
      phone(user, options = {}) {
        const phone = new SimulatedDevice({ ...defaults, ...options, baseUrl: host.baseUrl, user });
        phones.add(phone);
        return phone;
      },
      reset: closeAll,
      stop: closeAll,
    };
  };
}
