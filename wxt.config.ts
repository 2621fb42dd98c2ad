import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import {
  CONTENT_SCRIPT_MATCHES,
  PERMISSIONS,
  SANDBOX_MATCHES,
  VENDOR_HOST_PERMISSIONS,
} from './core/vendors/hosts';
import { ZENDESK, ZOHO } from './tests/sandbox/seed/ids';
import { inlinePanelCss } from './scripts/inline-panel-css';
import { preactWithoutInnerHtml } from './scripts/preact-without-inner-html';
import { stableTsconfig } from './scripts/stable-wxt-dir';

/**
 * `PORTIER_SANDBOX=1` builds the flavour that also runs on the sandbox helpdesk's *.localhost
 * hosts. It goes to its own output folder so that a production build never carries those hosts.
 */
const sandbox = process.env.PORTIER_SANDBOX === '1';

/**
 * What the background reads at build time (`import.meta.env`). The sandbox flavour gets the
 * sandbox's port (WXT_SANDBOX_PORT, 8787 as `npm run sandbox`) and its fake public OAuth clients
 * (tests/sandbox/seed), unless the environment names others. Any other build is told there is no
 * sandbox port, whatever the environment says: the sandbox detour is then dead code and is left
 * out of the bundle (the e2e harness checks that a production background names no localhost).
 *
 * OAuth clients are public (PKCE): only their ids are given (WXT_ZENDESK_CLIENT_ID,
 * WXT_ZOHO_CLIENT_ID). A production build refuses any secret in its environment, since whatever a
 * bundle holds, every user can read (tests/unit/bundle-secrets.test.ts).
 */
function buildTimeEnv(): Record<string, string> {
  if (!sandbox) {
    refuseSecrets(process.env);
    return { 'import.meta.env.WXT_SANDBOX_PORT': 'undefined' };
  }
  const env = process.env;
  const values = {
    WXT_SANDBOX_PORT: env.WXT_SANDBOX_PORT || '8787',
    WXT_ZOHO_CLIENT_ID: env.WXT_ZOHO_CLIENT_ID || ZOHO.publicClient.id,
    WXT_ZENDESK_CLIENT_ID: env.WXT_ZENDESK_CLIENT_ID || ZENDESK.publicClient.id,
  };
  if (!/^\d{1,5}$/.test(values.WXT_SANDBOX_PORT)) throw new Error(`WXT_SANDBOX_PORT must be a port number, not "${values.WXT_SANDBOX_PORT}"`);
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`import.meta.env.${key}`, JSON.stringify(value)]));
}

/** Variables Vite would hand to the bundle (WXT_*, VITE_*) must not name a secret. */
function refuseSecrets(env: NodeJS.ProcessEnv): void {
  const secrets = Object.keys(env).filter((key) => /^(WXT|VITE)_/.test(key) && /SECRET/i.test(key) && env[key]);
  if (secrets.length === 0) return;
  throw new Error(
    `Refusing to build Portier with ${secrets.join(', ')} set: a client secret in an extension is readable by every user. ` +
      'Register public OAuth clients with PKCE (Zendesk: kind "public"; Zoho: a mobile-based client) and give only WXT_ZENDESK_CLIENT_ID / WXT_ZOHO_CLIENT_ID; ' +
      'where a vendor insists on a secret, run the token exchange on your own backend (README, "OAuth clients and credentials"). Unset the variable and build again.',
  );
}

/**
 * Firefox's add-on settings. The id is Portier's for good: the store listing, the data an agent
 * keeps across updates and the OAuth redirect URL (`identity.getRedirectURL()`, derived from the
 * id) all hang on it. 140 is the first Firefox that reads `data_collection_permissions`; the rest
 * Portier uses is older (MV3 host permissions granted at install: 127; sidebarAction.toggle: 73).
 * Data: contacts' names and addresses, and the agent's sign-in, go to the agent's own Zendesk and
 * Zoho accounts, which is all Portier sends anywhere (README, "Firefox").
 */
const GECKO = {
  id: 'portier@portier.app',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['personallyIdentifyingInfo', 'authenticationInfo'] },
};
/** Firefox for Android reads `data_collection_permissions` from 142 (Portier targets the desktop: no sidebar there). */
const GECKO_ANDROID = { strict_min_version: '142.0' };

/**
 * The page reader (entrypoints/content-script.ts), a plain script WXT bundles as an IIFE and
 * lists here, on the agent apps' pages once they are loaded; the sandbox flavour adds its hosts.
 * Not a WXT content script, whose start-up cost 1 ms of every page load (issue #13).
 */
const CONTENT_SCRIPT = {
  matches: [...CONTENT_SCRIPT_MATCHES, ...(sandbox ? SANDBOX_MATCHES : [])],
  js: ['content-script.js'],
  run_at: 'document_idle',
};

export default defineConfig({
  // PORTIER_OUT_DIR lets the manifest test build into a temporary folder.
  outDir: process.env.PORTIER_OUT_DIR ?? (sandbox ? '.output/sandbox' : '.output'),
  // One promise-based `browser` in every context and both browsers (wxt/browser is aliased to it).
  modules: ['@wxt-dev/webextension-polyfill'],
  // Firefox too (WXT would make it MV2): one background lifecycle, one manifest shape (README, "Firefox").
  manifestVersion: 3,
  vite: () => ({ plugins: [preact(), preactWithoutInnerHtml(), inlinePanelCss()], define: buildTimeEnv() }),
  // Builds into several folders at once must not rewrite the tsconfig they all read (scripts/stable-wxt-dir.ts).
  hooks: { 'prepare:types': (_wxt, entries) => stableTsconfig(entries) },
  // The sources zip Mozilla's reviewers rebuild the Firefox package from: the test runs' screenshots are no source.
  zip: { excludeSources: ['e2e-screenshots/**', 'demo-screenshots/**'] },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [...PERMISSIONS],
    host_permissions: [...VENDOR_HOST_PERMISSIONS, ...(sandbox ? SANDBOX_MATCHES : [])],
    action: { default_title: '__MSG_actionTitle__' },
    content_scripts: [CONTENT_SCRIPT],
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO, gecko_android: GECKO_ANDROID } } : {}),
    // WebDriver BiDi may not navigate to moz-extension:// pages; a link from a sandbox page may,
    // when the page is web-accessible to it. Only the sandbox flavour opens the panel that way.
    ...(browser === 'firefox' && sandbox ? { web_accessible_resources: [{ resources: ['sidepanel.html'], matches: [...SANDBOX_MATCHES] }] } : {}),
  }),
});
