import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * `npm run demo`: builds the sandbox flavour of the extension and says how to load it. The sandbox
 * helpdesk and the scripted Chromium tour join this command when tests/sandbox lands.
 */
const root = resolve(import.meta.dirname, '..');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, PORTIER_SANDBOX: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const dir = resolve(root, '.output/sandbox/chrome-mv3');
console.log(`
Portier (sandbox flavour) is built in ${dir}

Load it in Chrome or Chromium:  chrome://extensions → Developer mode → Load unpacked → pick that folder.
Load it in Firefox:             npx wxt build -b firefox, then about:debugging → This Firefox →
                                Load Temporary Add-on → .output/firefox-mv2/manifest.json.
`);
