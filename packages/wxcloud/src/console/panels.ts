/**
 * The console's tabs: the built-in ones (each shown when the service it needs runs) and those
 * services contribute through `consolePanels`, in the order of the services list.
 */
import type { EmulatorService } from '../host/service';
import { FUNCTIONS_SERVICE } from '../functions/service';
import { PHONES_SERVICE } from '../phone/service';
import { DATABASE_SERVICE } from '../database/service';
import type { PanelSummary } from './api-types';
import type { ConsolePanel } from './panel';

export const BUILT_IN_PANELS = [
  { id: 'database', title: { zh: '数据库', en: 'Database' }, needs: DATABASE_SERVICE },
  { id: 'functions', title: { zh: '云函数', en: 'Functions' }, needs: FUNCTIONS_SERVICE },
  { id: 'phones', title: { zh: '模拟手机', en: 'Phones' }, needs: PHONES_SERVICE },
  { id: 'users', title: { zh: '用户', en: 'Users' }, needs: DATABASE_SERVICE },
] as const;

export type BuiltInPanelId = (typeof BUILT_IN_PANELS)[number]['id'];

/** Panels contributed by services, by id (a duplicate id is a mistake worth a clear error). */
export function contributedPanels(services: readonly EmulatorService[]): Map<string, ConsolePanel> {
  const panels = new Map<string, ConsolePanel>();
  const taken = new Set<string>(BUILT_IN_PANELS.map((panel) => panel.id));
  for (const service of services) {
    for (const panel of service.consolePanels ?? []) {
      if (taken.has(panel.id))
        throw new Error(`console panel "${panel.id}" of service "${service.name}" is already shown`);
      if (!/^[a-z][a-z0-9-]*$/.test(panel.id))
        throw new Error(`console panel id "${panel.id}" of service "${service.name}" must be kebab-case`);
      taken.add(panel.id);
      panels.set(panel.id, panel);
    }
  }
  return panels;
}

export function panelSummaries(services: readonly EmulatorService[]): PanelSummary[] {
  const running = new Set(services.map((service) => service.name));
  const builtIn = BUILT_IN_PANELS.filter((panel) => running.has(panel.needs)).map(({ id, title }) => ({
    id,
    title,
    builtIn: true,
  }));
  const contributed = [...contributedPanels(services).values()].map(({ id, title }) => ({ id, title, builtIn: false }));
  return [...builtIn, ...contributed];
}
