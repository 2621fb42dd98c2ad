/**
 * The sandbox helpdesk server: one loopback HTTP server that answers as Zendesk Support, Zoho Desk,
 * Zoho CRM, Zoho Connect and Zoho Accounts, chosen by host name (hosts.ts), plus the control API
 * under `/__sandbox/` on every host.
 *
 *   const sandbox = await startSandbox({ port: 0 });   // random port, for tests
 *   await sandboxFetch(`http://acme.zendesk.localhost:${sandbox.port}/api/v2/brands.json`, …);
 *   await sandbox.close();
 *
 * Agent HTML pages (tests/sandbox/pages/) plug in behind the APIs: a request no API route matches
 * on a vendor host goes to the pages router, given as `pages` or found as
 * `tests/sandbox/pages/index.ts` exporting `createPagesRouter(state)`. A 404 the pages router marks
 * with the `x-sandbox-unmatched` header ("no page here") gives way to the vendor API's own 404.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import { controlRouter } from './control';
import { describeAccounts } from './accounts';
import { resolveSite, SANDBOX_HOST_HEADER, type Site, type SiteKind } from './hosts';
import { SandboxState, type StateOptions } from './state';
import { UNMATCHED_HEADER } from './vendors/http';
import { zendeskRouter } from './vendors/zendesk';
import { zohoAccountsRouter } from './vendors/zoho-accounts';
import { connectRouter } from './vendors/zoho-connect';
import { crmRouter } from './vendors/zoho-crm';
import { deskRouter } from './vendors/zoho-desk';

/**
 * What a pages router must offer: Hono's fetch, called with `env.site` naming the vendor host. It
 * answers 404 with the `x-sandbox-unmatched` header (UNMATCHED_HEADER) for paths it does not serve.
 */
export interface PagesRouter {
  fetch(request: Request, env: Partial<HttpBindings> & { site: Site }): Response | Promise<Response>;
}
export type PagesRouterFactory = (state: SandboxState) => PagesRouter;

export interface SandboxOptions {
  /** 0 (the default in tests) picks a free port. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** Seed time, scenario and initial time scale. */
  seed?: StateOptions;
  /** An existing state to serve (shared with a caller). */
  state?: SandboxState;
  /** The agent pages router; `false` disables the lookup of tests/sandbox/pages/index.ts. */
  pages?: PagesRouterFactory | false;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:<port>`: the control API and, with X-Sandbox-Host, every vendor. */
  url: string;
  port: number;
  state: SandboxState;
  /** Base URL of a vendor host: `sandbox.vendorUrl('desk.zoho.localhost')`. */
  vendorUrl(host: string): string;
  close(): Promise<void>;
}

type AppEnv = { Bindings: Partial<HttpBindings> };

/** The Hono app: control API, then dispatch by host to a vendor router, then to the pages. */
export function createApp(state: SandboxState, options: { pages?: PagesRouter } = {}): Hono<AppEnv> {
  const vendors: Partial<Record<SiteKind, { fetch: PagesRouter['fetch'] }>> = {
    zendesk: zendeskRouter(state),
    zoho_desk: deskRouter(state),
    zoho_crm: crmRouter(state),
    zoho_connect: connectRouter(state),
    zoho_accounts: zohoAccountsRouter(state),
  };
  const app = new Hono<AppEnv>();
  app.route('/__sandbox', controlRouter(state));
  app.all('*', async (c) => {
    const site = resolveSite(c.req.header('host'), c.req.header(SANDBOX_HOST_HEADER));
    const env = { ...c.env, site };
    if (site.kind === 'sandbox') {
      return c.req.path === '/' ? c.json({ sandbox: 'Portier sandbox helpdesk', control: '/__sandbox', ...describeAccounts(state) }) : c.json({ error: 'Name a vendor host (Host or X-Sandbox-Host).' }, 404);
    }
    const api = vendors[site.kind];
    if (!api) return c.json({ error: `Unknown sandbox host "${site.host}"` }, 404);
    // Zendesk's documented URLs end in .json (`/api/v2/users.json`); the spec's paths do not.
    const request = site.kind === 'zendesk' && c.req.path.endsWith('.json') ? withoutJsonSuffix(c.req.raw) : c.req.raw;
    const response = await api.fetch(request, env);
    if (!response.headers.has(UNMATCHED_HEADER)) return response;
    if (options.pages) {
      const page = await options.pages.fetch(request, env);
      // A page of its own (even a "not found" page) is kept; "no such page" gives the API's 404.
      if (page.status !== 404 || !page.headers.has(UNMATCHED_HEADER)) return page;
    }
    const headers = new Headers(response.headers);
    headers.delete(UNMATCHED_HEADER);
    return new Response(response.body, { status: response.status, headers });
  });
  return app;
}

function withoutJsonSuffix(request: Request): Request {
  const url = new URL(request.url);
  url.pathname = url.pathname.slice(0, -'.json'.length);
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers };
  if (request.body) {
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(url, init);
}

/** tests/sandbox/pages/index.ts, when it exists, exporting `createPagesRouter(state)`. */
async function findPagesRouter(): Promise<PagesRouterFactory | undefined> {
  const url = new URL('./pages/index.ts', import.meta.url);
  if (!existsSync(url)) return undefined;
  const specifier = url.href;
  const module = (await import(specifier)) as { createPagesRouter?: PagesRouterFactory };
  return module.createPagesRouter;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const state = options.state ?? new SandboxState(options.seed);
  const factory = options.pages === false ? undefined : (options.pages ?? (await findPagesRouter()));
  const app = createApp(state, factory ? { pages: factory(state) } : {});
  const host = options.host ?? '127.0.0.1';
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    state,
    vendorUrl: (vendorHost) => `http://${vendorHost}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets (and clients that never read) must not hold the process open.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      return closing;
    },
  };
}
