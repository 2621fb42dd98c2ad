import { armAlarm, BackgroundService, protectedCredentialStore, wireBackground, type BackgroundBrowser, type OAuthConfig } from '../core/background';
import { redirectFromSandbox, sandboxFetch, toSandboxUrl } from '../core/background/sandbox-hosts';
import { openDb } from '../core/db';

/**
 * The background, wiring only (DESIGN.md): the message router and the job engine's wake-ups live
 * in core/background. Only this context calls vendors and holds credentials, where no content
 * script can read them (core/credentials/protected.ts: `storage.local` restricted to the
 * extension's own pages on Chrome, the extension's IndexedDB elsewhere).
 */
interface ChromeSidePanel {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface FirefoxSidebarAction {
  toggle(): Promise<void>;
}

/**
 * The sandbox flavour (`PORTIER_SANDBOX=1`, tests/sandbox) is built with the sandbox's port; every
 * other build gets `undefined` here from wxt.config.ts, so the branches below that use it, and
 * core/background/sandbox-hosts.ts with them, are dropped from a production bundle.
 */
const SANDBOX_PORT = import.meta.env.WXT_SANDBOX_PORT as string | undefined;

/** The sandbox flavour's detour: vendor origins to the sandbox host of the same product. */
function vendorFetch(): typeof fetch | undefined {
  if (!SANDBOX_PORT) return undefined;
  return sandboxFetch((input, init) => fetch(input, init), Number(SANDBOX_PORT));
}

/** launchWebAuthFlow with the vendor's authorize page (the sandbox's, in the sandbox flavour). */
async function launchAuthFlow(url: string): Promise<string> {
  const start = SANDBOX_PORT ? toSandboxUrl(url, Number(SANDBOX_PORT)) : url;
  const redirect = await browser.identity.launchWebAuthFlow({ url: start, interactive: true });
  if (!redirect) throw new Error('no redirect');
  // The sandbox names itself as the Zoho accounts server: name the server the flow started at.
  return SANDBOX_PORT ? redirectFromSandbox(redirect, new URL(url).origin) : redirect;
}

/**
 * Public OAuth clients (PKCE) are named at build time by their ids only; a secret is never read
 * here, and wxt.config.ts refuses to build with one. Without an id, OAuth is not offered.
 */
function oauthConfig(): OAuthConfig | undefined {
  const env = import.meta.env as Record<string, string | undefined>;
  const zendesk = env.WXT_ZENDESK_CLIENT_ID ? { clientId: env.WXT_ZENDESK_CLIENT_ID } : undefined;
  const zoho = env.WXT_ZOHO_CLIENT_ID ? { clientId: env.WXT_ZOHO_CLIENT_ID } : undefined;
  if (!zendesk && !zoho) return undefined;
  return {
    clients: { ...(zendesk ? { zendesk } : {}), ...(zoho ? { zoho } : {}) },
    redirectUri: browser.identity.getRedirectURL(),
    authorize: launchAuthFlow,
  };
}

export default defineBackground(() => {
  // First, at every start: the access level is set before any credential is read or stored.
  const credentials = protectedCredentialStore({
    area: browser.storage.local,
    onError: (error) => console.error('Portier background: moving credentials:', error),
  });
  const api = browser as unknown as BackgroundBrowser;
  const oauth = oauthConfig();
  const fetchVia = vendorFetch();
  const service = new BackgroundService({
    db: openDb(),
    credentials,
    ...(oauth ? { oauth } : {}),
    ...(fetchVia ? { fetch: fetchVia } : {}),
    onNextWake: (nextWakeAt) => void armAlarm(api, nextWakeAt, Date.now()),
    onError: (error) => console.error('Portier background:', error),
  });
  wireBackground(api, service, { onError: (error) => console.error('Portier background:', error) });

  const ui = browser as unknown as { sidePanel?: ChromeSidePanel; sidebarAction?: FirefoxSidebarAction };
  if (ui.sidePanel) {
    // Chrome opens the side panel from the toolbar button only when told to.
    void ui.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
    return;
  }
  // Firefox: the button toggles the sidebar; MV2 calls the button browserAction.
  const button = browser.action ?? browser.browserAction;
  button?.onClicked.addListener(() => void ui.sidebarAction?.toggle());
});
