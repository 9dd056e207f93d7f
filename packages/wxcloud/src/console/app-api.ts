/**
 * The console's routes beside the database and the phones (phones-api.ts): the overview, functions
 * and their invocations, the users table, panels contributed by services and the reset button.
 * Everything is reached in-process through the Host.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { FUNCTIONS_SERVICE, type FunctionsService } from '../functions/service';
import { TriggerNotFoundError } from '../functions/timers';
import type { Host } from '../host/service';
import type * as Api from './api-types';
import { requireService } from './database-api';
import { adminData, ConsoleApiError } from './errors';
import { contributedPanels, panelSummaries } from './tab-list';
import { jsonBody, jsonGet } from './routes';
import { documentView, invocationView, userRow } from './views';

const ChoiceSchema: z.ZodType<Api.PanelChoiceRequest> = z.object({
  choice: z.string().min(1).max(64),
  value: z.string().min(1).max(64),
});
const FireTriggerSchema: z.ZodType<Api.FireTriggerRequest> = z
  .object({ trigger: z.string().min(1).max(60).optional() })
  .strict();
export const USERS_COLLECTION = 'users';
export const USERS_SHOWN = 200;
const INVOCATIONS_SHOWN = 100;

export function appApi(host: Host, onReset: () => void): Hono {
  const api = new Hono();
  api.get(
    '/overview',
    jsonGet((): Api.OverviewResponse => overview(host)),
  );
  api.get(
    '/functions',
    jsonGet((): Api.FunctionsResponse => functions(requireService<FunctionsService>(host, FUNCTIONS_SERVICE))),
  );
  jsonBody(api, 'post', '/functions/:name/trigger', FireTriggerSchema, (body, c) =>
    fireTrigger(requireService<FunctionsService>(host, FUNCTIONS_SERVICE), c.req.param('name') ?? '', body),
  );
  api.get(
    '/users',
    jsonGet(() => users(host)),
  );
  api.get(
    '/panels/:id',
    jsonGet(async (c): Promise<Api.PanelContent> => {
      const panel = contributedPanels(host.services()).get(c.req.param('id') ?? '');
      if (!panel) throw new ConsoleApiError('NOT_FOUND', `no console panel ${c.req.param('id')}`);
      const page = c.req.query('page') ?? '0';
      if (!/^\d{1,6}$/.test(page))
        throw new ConsoleApiError('INVALID_ARGUMENT', `page must be a page number from 0 (got "${page}")`);
      return panel.content({ page: Number(page) });
    }),
  );
  jsonBody(api, 'post', '/panels/:id/choices', ChoiceSchema, async (body, c): Promise<Api.PanelContent> => {
    const panel = contributedPanels(host.services()).get(c.req.param('id') ?? '');
    if (!panel) throw new ConsoleApiError('NOT_FOUND', `no console panel ${c.req.param('id')}`);
    const offered = (await panel.content({ page: 0 })).blocks.find(
      (block) => block.kind === 'choice' && block.id === body.choice,
    );
    if (!panel.choose || offered?.kind !== 'choice' || !offered.options.some((option) => option.value === body.value)) {
      throw new ConsoleApiError(
        'INVALID_ARGUMENT',
        `panel ${panel.id} offers no choice "${body.choice}" with the value "${body.value}"`,
      );
    }
    await panel.choose(body.choice, body.value);
    return panel.content({ page: 0 });
  });
  jsonBody(api, 'post', '/reset', z.object({}), async () => {
    await host.reset();
    onReset();
    return { reset: true };
  });
  return api;
}

export function overview(host: Host): Api.OverviewResponse {
  const services = host.services();
  return {
    envId: host.envId,
    baseUrl: host.baseUrl,
    services: services.map((service) => service.name),
    panels: panelSummaries(services),
  };
}

function functions(service: FunctionsService): Api.FunctionsResponse {
  const runtime = service.runtime;
  const timers = service.timers.list();
  return {
    functions: runtime.listFunctions().map((definition) => {
      const timer = timers.find((trigger) => trigger.functionName === definition.name);
      return {
        name: definition.name,
        timeoutSeconds: definition.timeoutSeconds,
        instances: runtime.instances(definition.name),
        ...(timer ? { timer: { name: timer.name, cron: timer.cron, nextAt: timer.nextAt } } : {}),
      };
    }),
    invocations: runtime.recentInvocations(INVOCATIONS_SHOWN).map(invocationView).reverse(),
  };
}

/**
 * Fires the function's timer trigger now; answers when the invocation is done (its record went out on the event
 * stream).
 */
async function fireTrigger(
  service: FunctionsService,
  name: string,
  body: Api.FireTriggerRequest,
): Promise<Api.FireTriggerResponse> {
  try {
    const outcome = await service.timers.fire(name, body.trigger);
    return { requestId: outcome.requestId, ok: outcome.ok };
  } catch (error) {
    if (error instanceof TriggerNotFoundError) throw new ConsoleApiError('NOT_FOUND', error.message);
    throw error;
  }
}

async function users(host: Host): Promise<Api.UsersResponse> {
  const base = { collectionName: USERS_COLLECTION, query: '{}', queryType: 'WHERE' };
  try {
    const page = await adminData<{ list: string[] }>(host, {
      action: 'database.getDocument',
      ...base,
      order: '{"lastLoginAt":-1}',
      limit: USERS_SHOWN,
    });
    const count = await adminData<{ total: number }>(host, { action: 'database.calculateDocument', ...base });
    return {
      users: page.list.map((text) => userRow(documentView(text).ejson as Record<string, unknown>)),
      total: count.total,
    };
  } catch (error) {
    if (error instanceof ConsoleApiError && error.serviceCode === 'DATABASE_COLLECTION_NOT_EXIST')
      return { users: [], total: 0 };
    throw error;
  }
}
