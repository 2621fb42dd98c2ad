/**
 * The control API, under `/__sandbox/` on every host. Tests, `npm run demo` and benchmarks use it to
 * reset the world, load a scenario, read the seeded accounts and credentials, inject faults, scale
 * time, tune limits and token lifetimes, and read the counters. Bodies are JSON, checked with zod.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { expireAccessTokens, newSession } from './auth';
import { FaultProfileInput } from './fault-profile';
import { FaultInput } from './faults';
import { addGeneratedContacts, generatePeople } from './generate';
import { describeAccounts } from './accounts';
import { ScenarioInput } from './seed';
import type { SandboxState } from './state';

const TimeInput = z.object({
  /** Sandbox milliseconds per real millisecond: 60 makes a real second a sandbox minute. */
  scale: z.number().positive().optional(),
  advanceSec: z.number().nonnegative().optional(),
  advanceMs: z.number().nonnegative().optional(),
});

const TokensInput = z.object({
  /** Lifetime of access tokens issued from now on, in sandbox seconds (default 3600). */
  ttlSec: z.number().int().positive().optional(),
  /** Make live access tokens expire now (all, or of one realm: `zoho`, `zendesk:acme`). */
  expireNow: z.boolean().optional(),
  realm: z.string().optional(),
});

const LimitsInput = z.object({
  /** `zendesk:<subdomain>`, `zoho_desk:<orgId>`, `zoho_crm:<orgId>` or `zoho_connect:acme`. */
  key: z.string(),
  limit: z.number().int().nonnegative().nullable().optional(),
  windowSec: z.number().positive().optional(),
  concurrency: z.number().int().positive().optional(),
  /** Back to the seeded policy. */
  reset: z.boolean().optional(),
});

const GenerateInput = z.object({
  vendor: z.enum(['zendesk', 'zoho_desk', 'zoho_crm', 'zoho_connect']),
  count: z.number().int().positive().max(100_000),
  seed: z.number().int().optional(),
  mix: z.boolean().optional(),
  /** Zendesk subdomain, Desk orgId or Connect scopeID; the first account (Connect: external network) when absent. */
  account: z.string().optional(),
  /** Return the people too (large). */
  returnPeople: z.boolean().optional(),
  /** Zendesk organization id, Desk account id or CRM Accounts record id the people become members of. */
  organization: z.string().regex(/^[0-9]{1,30}$/).optional(),
});

const SessionInput = z.object({ subdomain: z.string(), email: z.string() });

const SettingsInput = z.object({
  /** `stuck`: jobs created from now on stay `queued` for ever (state.ts). */
  zendeskJob: z.object({ queuedMs: z.number().nonnegative(), perItemMs: z.number().nonnegative(), stuck: z.boolean() }).partial().optional(),
  /** `stuck`: jobs created from now on apply `stuckAfterItems` items (all when absent) and never complete. */
  crmJob: z.object({
    scheduledMs: z.number().nonnegative(), perItemMs: z.number().nonnegative(), stuck: z.boolean(),
    stuckAfterItems: z.number().int().nonnegative().nullable(),
  }).partial().optional(),
  zendeskBulkImport: z.object({ subdomain: z.string(), enabled: z.boolean() }).optional(),
});

async function input<T extends z.ZodType>(c: Context, schema: T): Promise<{ ok: true; value: z.output<T> } | { ok: false; response: Response }> {
  const text = await c.req.text();
  let raw: unknown = {};
  try {
    raw = text.trim() ? JSON.parse(text) : {};
  } catch {
    return { ok: false, response: c.json({ error: 'malformed JSON' }, 400) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: c.json({ error: 'invalid body', issues: parsed.error.issues }, 400) };
  return { ok: true, value: parsed.data };
}

export function controlRouter(state: SandboxState) {
  const app = new Hono();
  const time = () => ({ now: state.now(), iso: state.iso(), scale: state.clock.scale });

  app.get('/', (c) => c.json({ scenario: state.scenarioName, time: time(), ...describeAccounts(state) }));
  app.get('/accounts', (c) => c.json(describeAccounts(state)));

  app.post('/reset', async (c) => {
    const body = await input(c, z.object({ scenario: ScenarioInput.optional() }));
    if (!body.ok) return body.response;
    state.reset(body.value.scenario);
    return c.json({ scenario: state.scenarioName, time: time() });
  });
  app.post('/scenario', async (c) => {
    const body = await input(c, ScenarioInput);
    if (!body.ok) return body.response;
    state.reset(body.value);
    return c.json({ scenario: state.scenarioName, time: time() });
  });
  app.post('/generate', async (c) => {
    const body = await input(c, GenerateInput);
    if (!body.ok) return body.response;
    const { vendor, count, seed, mix, account, returnPeople, organization } = body.value;
    const people = generatePeople(count, { ...(seed === undefined ? {} : { seed }), ...(mix === undefined ? {} : { mix }) });
    let ids: string[];
    try {
      ids = addGeneratedContacts(state.data, vendor, people, state.iso(), account, organization);
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
    return c.json({ count: ids.length, ids, ...(returnPeople ? { people } : {}) });
  });

  app.get('/time', (c) => c.json(time()));
  app.post('/time', async (c) => {
    const body = await input(c, TimeInput);
    if (!body.ok) return body.response;
    const { scale, advanceSec, advanceMs } = body.value;
    if (advanceSec || advanceMs) state.clock.advance((advanceSec ?? 0) * 1000 + (advanceMs ?? 0));
    if (scale) state.clock.setScale(scale);
    return c.json(time());
  });

  app.get('/faults', (c) => c.json({ faults: state.faults.list(), profiles: state.profiles.list() }));
  app.post('/faults', async (c) => {
    const body = await input(c, FaultInput);
    if (!body.ok) return body.response;
    const { matcher: _matcher, ...fault } = state.faults.add(body.value);
    return c.json({ fault }, 201);
  });
  app.delete('/faults', (c) => {
    state.faults.clear();
    state.profiles.clear();
    return c.body(null, 204);
  });
  // Probabilistic faults on every matching request (fault-profile.ts), until deleted or reset.
  app.get('/faults/profile', (c) => c.json({ profiles: state.profiles.list() }));
  app.post('/faults/profile', async (c) => {
    const body = await input(c, FaultProfileInput);
    if (!body.ok) return body.response;
    return c.json({ profile: state.profiles.add(body.value) }, 201);
  });
  app.delete('/faults/profile', (c) => {
    state.profiles.clear();
    return c.body(null, 204);
  });

  app.get('/counters', (c) => c.json({ ...state.counters.snapshot(), windows: state.limiter.history() }));
  app.delete('/counters', (c) => {
    state.counters.clear();
    state.limiter.clearHistory();
    return c.body(null, 204);
  });
  app.get('/invitations', (c) => c.json({ invitations: state.counters.log() }));

  app.post('/tokens', async (c) => {
    const body = await input(c, TokensInput);
    if (!body.ok) return body.response;
    if (body.value.ttlSec) state.settings.accessTokenTtlMs = body.value.ttlSec * 1000;
    const expired = body.value.expireNow ? expireAccessTokens(state, body.value.realm) : 0;
    return c.json({ accessTokenTtlSec: state.settings.accessTokenTtlMs / 1000, expired });
  });

  app.post('/limits', async (c) => {
    const body = await input(c, LimitsInput);
    if (!body.ok) return body.response;
    const { key, reset, limit, windowSec, concurrency } = body.value;
    state.limiter.override(key, reset ? null : {
      ...(limit === undefined ? {} : { limit }),
      ...(windowSec === undefined ? {} : { windowMs: windowSec * 1000 }),
      ...(concurrency === undefined ? {} : { concurrency }),
    });
    return c.json({ key, override: reset ? null : { limit, windowSec, concurrency } });
  });

  app.post('/sessions', async (c) => {
    const body = await input(c, SessionInput);
    if (!body.ok) return body.response;
    const account = state.data.zendesk[body.value.subdomain];
    const user = account?.users.find((u) => u.email?.toLowerCase() === body.value.email.toLowerCase());
    if (!account || !user) return c.json({ error: 'no such Zendesk account or user' }, 404);
    const session = newSession(account, user.id);
    return c.json({
      cookie: `_zendesk_session=${session.id}`,
      csrfToken: session.csrfToken,
      setCookie: `_zendesk_session=${session.id}; Domain=${account.subdomain}.zendesk.localhost; Path=/; HttpOnly`,
    }, 201);
  });

  app.patch('/settings', async (c) => {
    const body = await input(c, SettingsInput);
    if (!body.ok) return body.response;
    const { zendeskJob, crmJob, zendeskBulkImport } = body.value;
    if (zendeskJob) Object.assign(state.settings.zendeskJob, zendeskJob);
    if (crmJob) {
      const { stuckAfterItems, ...rest } = crmJob;
      Object.assign(state.settings.crmJob, rest);
      // null: back to "every item" before sticking.
      if (stuckAfterItems === null) delete state.settings.crmJob.stuckAfterItems;
      else if (stuckAfterItems !== undefined) state.settings.crmJob.stuckAfterItems = stuckAfterItems;
    }
    if (zendeskBulkImport) {
      const account = state.data.zendesk[zendeskBulkImport.subdomain];
      if (!account) return c.json({ error: 'no such Zendesk account' }, 404);
      account.bulkImportEnabled = zendeskBulkImport.enabled;
    }
    return c.json({ settings: state.settings });
  });

  app.notFound((c) => c.json({ error: `no control endpoint ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
