import type { ConnectAccount } from '../messages';
import type { Account } from '../model';
import { VENDORS, type OAuthClients, type VendorEntry } from '../vendors';
import { newPkce } from '../vendors/pkce';
import { exchangeZendeskCode, zendeskAuthorizeUrl } from '../vendors/zendesk/auth';
import { exchangeZohoCode, readZohoRedirect, zohoAccountsServer, zohoAuthorizeUrl } from '../vendors/zoho/auth';
import type { Credentials } from '../credentials';
import { AUTHORIZE_MS, CONNECT_STEP_MS, withinStep } from './deadline';
import { ServiceError } from './errors';

/**
 * Turns a connectAccount request into an Account row (no secrets) and its Credentials. OAuth goes
 * through `authorize`, which the background wires to the WebExtension `identity.launchWebAuthFlow`,
 * as a public client: a fresh PKCE verifier per sign-in (S256 challenge on the authorize page, the
 * verifier on the code exchange), and no client secret anywhere in the extension.
 */

export interface OAuthConfig {
  clients: OAuthClients;
  /** `identity.getRedirectURL()` in the background. */
  redirectUri: string;
  /** Opens the vendor's authorize page and resolves with the URL it redirected to. */
  authorize(url: string): Promise<string>;
}

export interface ConnectDeps {
  registry: Record<Account['vendor'], VendorEntry>;
  oauth: OAuthConfig | undefined;
  newId(): string;
  now(): Date;
  fetch?: typeof fetch;
  /** Bound of each vendor step (tests shorten it); CONNECT_STEP_MS by default. */
  stepMs?: number | undefined;
  /** Bound of the sign-in window; AUTHORIZE_MS by default. */
  authorizeMs?: number | undefined;
  /** Told of a grant Portier dropped but could not revoke at the vendor (revoke.ts, revokeDropped). */
  onError?: ((error: unknown) => void) | undefined;
}

export function accountIdOf(req: ConnectAccount): string {
  return req.vendor === 'zendesk' ? req.subdomain.toLowerCase() : `${req.dataCenter}:${req.orgId}`;
}

const PRODUCTS: Record<Account['vendor'], string> = { zendesk: 'Zendesk Support', zoho_desk: 'Zoho Desk', zoho_crm: 'Zoho CRM', zoho_connect: 'Zoho Connect' };
/** Zoho's data centers as an agent names them (zoho.com is the US one). */
const REGIONS: Record<string, string> = { com: 'US', eu: 'EU', in: 'IN', 'com.au': 'AU', jp: 'JP', 'com.cn': 'CN', sa: 'SA', ca: 'CA' };

/**
 * The account's name everywhere Portier shows it, naming the product: "Zendesk Support · acme",
 * "Zoho Desk · Acme (EU)". `name` is what the vendor calls the org or network, when it was read.
 */
export function accountLabel(req: ConnectAccount, name?: string): string {
  if (req.vendor === 'zendesk') return `${PRODUCTS.zendesk} · ${accountIdOf(req)}`;
  return `${PRODUCTS[req.vendor]} · ${name ?? req.orgId} (${REGIONS[req.dataCenter] ?? req.dataCenter.toUpperCase()})`;
}

export function accountRow(req: ConnectAccount, previous: Account | undefined, now: Date, name?: string): Account {
  const id = accountIdOf(req);
  const zendesk = req.vendor === 'zendesk';
  return {
    id,
    vendor: req.vendor,
    label: req.label ?? accountLabel(req, name),
    ...(zendesk ? { subdomain: id } : { dataCenter: req.dataCenter, orgId: req.orgId }),
    authKind: req.auth.kind,
    status: 'connected',
    companyDomains: previous?.companyDomains ?? [],
    connectedAt: now.toISOString(),
  };
}

export async function obtainCredentials(req: ConnectAccount, deps: ConnectDeps): Promise<Credentials> {
  if (req.auth.kind === 'session') return { kind: 'session' };
  if (req.auth.kind === 'api_token') return { kind: 'api_token', email: req.auth.email, token: req.auth.token };
  const entry = (deps.registry ?? VENDORS)[req.vendor];
  const oauth = deps.oauth;
  const state = deps.newId();
  const pkce = await newPkce();
  const fetchOpt = deps.fetch ? { fetch: deps.fetch } : {};
  const now = () => deps.now().getTime();

  if (req.vendor === 'zendesk') {
    const client = oauth?.clients.zendesk;
    if (!oauth || !client) {
      throw new ServiceError('NOT_CONFIGURED', {
        en: 'This build of Portier has no Zendesk OAuth client: connect with an API token or your signed-in session instead.',
        fr: "Cette version de Portier n'a pas de client OAuth Zendesk : connectez plutôt le compte avec un jeton d'API ou avec votre session ouverte dans ce navigateur.",
      });
    }
    const apiBase = entry.endpoint(accountRow(req, undefined, deps.now()), { kind: 'session' }).apiBase;
    const url = zendeskAuthorizeUrl({ apiBase, clientId: client.clientId, redirectUri: oauth.redirectUri, scopes: entry.scopes, state, codeChallenge: pkce.challenge });
    const code = readCode(await authorize(oauth, url, deps.authorizeMs), state, 'Zendesk');
    const outcome = await withinStep(
      exchangeZendeskCode({ apiBase, client, code, redirectUri: oauth.redirectUri, codeVerifier: pkce.verifier, now, ...fetchOpt }),
      deps.stepMs ?? CONNECT_STEP_MS,
      () => tokenLate('Zendesk', apiBase, deps.stepMs ?? CONNECT_STEP_MS),
    );
    if (!outcome.ok) throw refused('Zendesk', outcome.error);
    return { kind: 'oauth', tokens: outcome.tokens };
  }

  const client = oauth?.clients.zoho;
  if (!oauth || !client) {
    throw new ServiceError('NOT_CONFIGURED', {
      en: 'This build of Portier has no Zoho OAuth client, so Zoho accounts cannot be connected yet.',
      fr: "Cette version de Portier n'a pas de client OAuth Zoho : les comptes Zoho ne peuvent pas encore être connectés.",
    });
  }
  const start = zohoAccountsServer(req.dataCenter);
  const url = zohoAuthorizeUrl({ accountsServer: start, clientId: client.clientId, redirectUri: oauth.redirectUri, scopes: entry.scopes, state, codeChallenge: pkce.challenge });
  let redirect;
  try {
    const redirectUrl = await authorize(oauth, url, deps.authorizeMs);
    // A denial, another request's answer or no code: the refusals Zendesk's sign-in words too.
    readCode(redirectUrl, state, 'Zoho');
    redirect = readZohoRedirect(redirectUrl, state);
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ServiceError('AUTH_FAILED', { en: `${detail}. Try connecting again.`, fr: `${detail}. Réessayez de vous connecter.` });
  }
  // The code is exchanged where Zoho says the account lives, which may differ from where we started.
  const accountsServer = redirect.accountsServer ?? start;
  const outcome = await withinStep(
    exchangeZohoCode({
      vendor: req.vendor, accountsServer, client, code: redirect.code, redirectUri: oauth.redirectUri, codeVerifier: pkce.verifier, now, ...fetchOpt,
    }),
    deps.stepMs ?? CONNECT_STEP_MS,
    () => tokenLate('Zoho', accountsServer, deps.stepMs ?? CONNECT_STEP_MS),
  );
  if (!outcome.ok) throw refused('Zoho', outcome.error);
  return { kind: 'oauth', tokens: outcome.tokens, accountsServer };
}

/**
 * A refusal of the code exchange. `invalid_client` is what a vendor answers when the client this
 * build names is a confidential one (it wants a secret the extension must never carry).
 */
function refused(vendor: 'Zendesk' | 'Zoho', error: string): ServiceError {
  if (/invalid_client/.test(error)) {
    return new ServiceError('NOT_CONFIGURED', {
      en: `${vendor} refused Portier's OAuth client (${error}). The client must be a public one with PKCE (Zendesk: kind "public"; Zoho: a mobile-based client), or the organisation runs the token exchange itself (README, "OAuth clients and credentials").`,
      // The README's section keeps its English title: it is what the reader will find there.
      fr: `${vendor} a refusé le client OAuth de Portier (${error}). Le client doit être public, avec PKCE (Zendesk : type « public » ; Zoho : un client de type « Mobile-based »), ou l'organisation doit effectuer elle-même l'échange de jetons (README, « OAuth clients and credentials »).`,
    });
  }
  return new ServiceError('AUTH_FAILED', {
    en: `${vendor} refused the sign-in (${error}). Try connecting again.`,
    fr: `${vendor} a refusé la connexion (${error}). Réessayez de vous connecter.`,
  });
}

/** The sign-in window waits for the agent, up to AUTHORIZE_MS: then the agent hears why, never "Connecting…" for ever. */
async function authorize(oauth: OAuthConfig, url: string, ms = AUTHORIZE_MS): Promise<string> {
  try {
    const minutes = Math.round(ms / 60_000);
    return await withinStep(oauth.authorize(url), ms, () =>
      new ServiceError('AUTH_FAILED', {
        en: `The sign-in window stayed open ${minutes} minutes without finishing. Connect again and finish signing in, or close the window to stop.`,
        fr: `La fenêtre de connexion est restée ouverte ${minutes} minutes sans aboutir. Relancez la connexion et allez jusqu'au bout, ou fermez la fenêtre pour abandonner.`,
      }),
    );
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ServiceError('AUTH_FAILED', {
      en: `The sign-in window closed before it finished (${detail}). Try connecting again.`,
      fr: `La fenêtre de connexion s'est fermée avant la fin (${detail}). Réessayez de vous connecter.`,
    });
  }
}

function tokenLate(vendor: 'Zendesk' | 'Zoho', server: string, ms: number): ServiceError {
  const seconds = Math.round(ms / 1000);
  const host = new URL(server).host;
  return new ServiceError('VENDOR_ERROR', {
    en: `${vendor} did not answer within ${seconds} s when Portier exchanged the sign-in for a token (${host}). Check your connection and connect again.`,
    fr: `${vendor} n'a pas répondu en ${seconds} s pendant que Portier échangeait la connexion contre un jeton (${host}). Vérifiez votre accès à Internet et relancez la connexion.`,
  });
}

function readCode(redirectUrl: string, state: string, vendor: string): string {
  const url = new URL(redirectUrl);
  const error = url.searchParams.get('error');
  if (error) {
    throw new ServiceError('AUTH_FAILED', {
      en: `${vendor} refused the authorization (${error}). Try connecting again.`,
      fr: `${vendor} a refusé l'autorisation (${error}). Réessayez de vous connecter.`,
    });
  }
  if (url.searchParams.get('state') !== state) {
    throw new ServiceError('AUTH_FAILED', {
      en: `${vendor} sign-in answered for another request. Try connecting again.`,
      fr: `La connexion ${vendor} a répondu pour une autre demande. Réessayez de vous connecter.`,
    });
  }
  const code = url.searchParams.get('code');
  if (!code) {
    throw new ServiceError('AUTH_FAILED', {
      en: `${vendor} sign-in gave no code. Try connecting again.`,
      fr: `La connexion ${vendor} n'a renvoyé aucun code. Réessayez de vous connecter.`,
    });
  }
  return code;
}
