import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import {
  CONTENT_SCRIPT_MATCHES,
  PERMISSIONS,
  SANDBOX_MATCHES,
  VENDOR_HOST_PERMISSIONS,
} from './core/vendors/hosts';

/**
 * `PORTIER_SANDBOX=1` builds the flavour that also runs on the sandbox helpdesk's *.localhost
 * hosts. It goes to its own output folder so that a production build never carries those hosts.
 */
const sandbox = process.env.PORTIER_SANDBOX === '1';

export default defineConfig({
  // PORTIER_OUT_DIR lets the manifest test build into a temporary folder.
  outDir: process.env.PORTIER_OUT_DIR ?? (sandbox ? '.output/sandbox' : '.output'),
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [...PERMISSIONS],
    host_permissions: [...VENDOR_HOST_PERMISSIONS, ...(sandbox ? SANDBOX_MATCHES : [])],
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'portier@portier.app', strict_min_version: '115.0' } } }
      : {}),
  }),
  hooks: {
    // Content-script matches are fixed in content.ts for production; the sandbox flavour adds its
    // hosts here, at manifest time, so the entrypoint itself never depends on the build flavour.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (!sandbox) return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...SANDBOX_MATCHES];
      }
    },
  },
});
