/**
 * `npm run demo`: Portier on the sandbox helpdesk, with nothing to set up (it finds or installs the browser).
 *
 *  1. finds a browser that can load Portier (CHROMIUM_PATH, the system's Chromium, Playwright's
 *     Chromium); with none, installs Debian's chromium on Debian as root, or prints the one command
 *     for this system and exits 1 (tests/e2e/install-browser.ts);
 *  2. builds the sandbox flavour of the extension into .output/sandbox/chrome-mv3;
 *  3. starts the sandbox helpdesk on PORT (8787 by default; another free port if that one is busy);
 *  4. launches Chromium with the extension, headed when there is a display (DISPLAY or
 *     WAYLAND_DISPLAY, such as `xvfb-run`'s), headless otherwise.
 *
 * Headed, it signs the agent in to the sandbox's pages, connects the four accounts, opens the
 * Zendesk contact page (checking Portier's content script ran there) and leaves Chromium there
 * until Ctrl+C, which closes Chromium and the sandbox and exits 0 (tests/e2e/demo-headed.test.ts).
 * Headless, it walks a short tour instead: the Zendesk contact page, Portier's panel, a Zendesk
 * list view with its rows ticked, one page of each Zoho app, then Portier's panel on a Zoho CRM
 * contact's verdicts and 50 ticked rows checked, previewed and invited to the end, and a Zendesk
 * ticket with its requester and CCs; a screenshot of each in demo-screenshots/<time>/, then
 * everything closed and exit 0. Any failure: a message, everything closed, exit code 1.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { buildSandboxExtension, DEFAULT_SANDBOX_PORT, ROOT } from '../tests/e2e/build';
import { launchWithExtension, type LaunchedExtension } from '../tests/e2e/chromium';
import { BrowserMissingError } from '../tests/e2e/install-browser';
import { ensureBrowserHere } from '../tests/e2e/local-browser';
import {
  checkSelection, confirmButton, connectAllAccounts, openPanelFor, panelPages, progressBar, tickRows, waitForJobCard, waitForVerdicts,
} from '../tests/e2e/panel-driver';
import { seedOrganizations, ticketPages, waitForTicket } from '../tests/e2e/ticket-driver';
import { signInOnPages } from '../tests/e2e/harness';
import { contentScriptMarker, openSignedIn, renderedName, seedLists, tickAll, vendorTours, type VendorTour } from '../tests/e2e/sandbox-tour';
import { SANDBOX_PASSWORD } from '../tests/sandbox/pages/session';
import { startSandbox, type RunningSandbox } from '../tests/sandbox/server';

const DEFAULT_PORT = 8787;
let sandbox: RunningSandbox | undefined;
let browser: LaunchedExtension | undefined;
let closing: Promise<void> | undefined;

/**
 * How long Chromium may take to close before it is stopped: Ctrl+C reaches Chromium too (one
 * process group), and on a busy machine Playwright's close of a browser already shutting down
 * was seen to wait past 30 s. Ctrl+C must end the demo whatever the browser does.
 */
const BROWSER_CLOSE_MS = 15_000;

/** Chromium's main process, which Playwright started as a child of this one; its helpers end with it. */
function killBrowserProcess(): void {
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return; // no /proc: nothing to look for
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // After the command's closing parenthesis: the state, then the parent's pid.
      if (stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(process.pid)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
}

/** Closes the browser and the sandbox, once, whichever way the demo ends. */
function shutDown(): Promise<void> {
  closing ??= (async () => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tooLong = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        console.log(`Chromium did not close within ${BROWSER_CLOSE_MS / 1000} s: stopping it.`);
        killBrowserProcess();
        resolve();
      }, BROWSER_CLOSE_MS);
    });
    await Promise.race([browser?.close().catch(() => undefined), tooLong]);
    clearTimeout(timer);
    await sandbox?.close().catch(() => undefined);
  })();
  return closing;
}

async function exit(code: number): Promise<never> {
  await shutDown();
  process.exit(code);
}

/** Set by Ctrl+C: the tour's steps then fail as the browser closes, which is no error to report. */
let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping: closing Chromium and the sandbox…');
  void shutDown().then(() => {
    // The shell that ran the demo may be gone already (Ctrl+C reaches it too): say how it ended.
    console.log(`Stopped: Chromium and the sandbox are closed (exit code ${code}).`);
    process.exit(code);
  });
}
// Ctrl+C is how a headed demo ends (0) once it is ready; before that, or during a headless tour, it interrupts it (130).
process.on('SIGINT', () => stop(ready && !headless() ? 0 : 130));
process.on('SIGTERM', () => stop(143));
let ready = false;

function headless(): boolean {
  return !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

function requestedPort(): number {
  const raw = process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be a port number, not "${raw}".`);
  return port;
}

/** The sandbox on `port`, or on a free port when that one is taken. */
async function startOnFreePort(port: number): Promise<RunningSandbox> {
  try {
    return await startSandbox({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    const started = await startSandbox({ port: 0 });
    console.log(`Port ${port} is busy: the sandbox uses port ${started.port} instead.`);
    return started;
  }
}

interface Shot {
  file: string;
  what: string;
}

async function main(): Promise<void> {
  try {
    const found = await ensureBrowserHere();
    console.log(`Browser: ${found.path} (${found.source})`);
  } catch (error) {
    if (!(error instanceof BrowserMissingError)) throw error;
    console.error(`npm run demo needs a browser that can load an unpacked extension.\n${error.message}`);
    return exit(1);
  }

  console.log('Building the sandbox flavour of Portier (PORTIER_SANDBOX=1 wxt build)…');
  const extension = await buildSandboxExtension();
  console.log(`Built: ${relative(ROOT, extension)}`);

  sandbox = await startOnFreePort(requestedPort());
  await seedLists(sandbox.url);
  // Organizations as big as real ones: Zendesk's and Desk's Northwind get 40 members each.
  await seedOrganizations(sandbox.url);
  console.log(`Sandbox helpdesk on ${sandbox.url} (control API: ${sandbox.url}/__sandbox); every seeded user signs in with the password "${SANDBOX_PASSWORD}".`);

  const mode = headless() ? 'headless' : 'headed';
  console.log(`Launching Chromium (${mode}) with Portier…`);
  try {
    // The build calls port 8787; a sandbox moved to another port is reached through Chromium's resolver.
    browser = await launchWithExtension(extension, { headless: headless(), sandboxPortMap: { from: DEFAULT_SANDBOX_PORT, to: sandbox.port }, ownSignals: true });
  } catch (error) {
    const display = process.env.WAYLAND_DISPLAY ? `WAYLAND_DISPLAY=${process.env.WAYLAND_DISPLAY}` : `DISPLAY=${process.env.DISPLAY ?? ''}`;
    throw new Error(`Chromium did not start (${mode}): ${firstLine(error)}` +
      (headless() ? '' : `\nIs the display ${display} reachable? Unset DISPLAY and WAYLAND_DISPLAY to run the demo headless.`), { cause: error });
  }

  if (headless()) {
    const folder = join(ROOT, 'demo-screenshots', new Date().toISOString().slice(0, 19).replace(/:/g, '-'));
    mkdirSync(folder, { recursive: true });
    const shots = await tour(browser, sandbox.port, folder);
    console.log(`\nScreenshots in ${folder}:`);
    for (const shot of shots) console.log(`  ${shot.file}  ${shot.what}`);
    console.log('\nDemo done (headless): closing Chromium and the sandbox.');
    return exit(0);
  }

  const contact = await readyForTheAgent(browser, sandbox.port);
  ready = true;
  console.log(`\nChromium stays open on the Zendesk contact page (${contact}); click Portier’s toolbar button for the side panel.`);
  console.log('Press Ctrl+C to stop the demo.');
  browser.context.on('close', () => {
    if (stopping) return;
    console.log('Chromium was closed: stopping the sandbox.');
    stopping = true;
    void exit(0);
  });
}

/**
 * Headed: the agent is signed in to the sandbox's pages and the four accounts are connected, so the
 * side panel has something to show at once; Chromium ends on the Zendesk contact page. Its URL.
 */
async function readyForTheAgent(launched: LaunchedExtension, port: number): Promise<string> {
  const [zendesk] = vendorTours(port) as [VendorTour, ...VendorTour[]];
  await signInOnPages(launched.context, port);
  await connectAllAccounts({ browser: launched });
  console.log('✓ Accounts connected: Zendesk (API token), Zoho Desk, CRM and Connect (OAuth)');
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  page.setDefaultTimeout(15_000);
  await contactPage(page, zendesk);
  await page.bringToFront();
  return zendesk.contact.url;
}

async function tour(launched: LaunchedExtension, port: number, folder: string): Promise<Shot[]> {
  const shots: Shot[] = [];
  const tours = vendorTours(port);
  const [zendesk, ...zoho] = tours as [VendorTour, ...VendorTour[]];
  const page = launched.context.pages()[0] ?? (await launched.context.newPage());
  page.setDefaultTimeout(15_000);
  const shoot = async (target: Page, file: string, what: string) => {
    await target.screenshot({ path: join(folder, file) });
    shots.push({ file, what });
  };

  // 1. The Zendesk contact page, signing in on the way.
  await contactPage(page, zendesk);
  await shoot(page, '01-zendesk-contact.png', `Zendesk Support user profile (${zendesk.contact.url})`);

  // 2. Portier's panel: Playwright cannot open the real side panel, so its page opens in a tab.
  const panel = await launched.context.newPage();
  await panel.setViewportSize({ width: 420, height: 800 });
  const panelUrl = `chrome-extension://${launched.extensionId}/sidepanel.html`;
  await panel.goto(panelUrl);
  await panel.locator('h1').waitFor();
  console.log(`✓ Portier panel page loaded (${panelUrl})`);
  await shoot(panel, '02-portier-panel.png', 'Portier’s side panel page, opened in a tab');
  await panel.close();

  // 3. A Zendesk customer list with every row ticked.
  await openSignedIn(page, zendesk.list.url, zendesk.email);
  const ticked = await tickAll(page, zendesk.list);
  await check(page, `Zendesk Support list view, ${ticked} rows ticked`, zendesk.list.url);
  await shoot(page, '03-zendesk-list-selected.png', `Zendesk Support customer list, "select all" ticked ${ticked} rows`);

  // 4–6. One page of each Zoho app (one sign-in at accounts.zoho.localhost covers the three).
  let n = 4;
  for (const app of zoho) {
    await contactPage(page, app);
    const file = `0${n++}-${app.vendor.replace('_', '-')}-contact.png`;
    await shoot(page, file, `${app.label} contact (${app.contact.url})`);
  }

  // 7–10. Portier at work: the four accounts connected, a contact's verdicts, a bulk to the end.
  await connectAllAccounts({ browser: launched });
  console.log('✓ Accounts connected: Zendesk (API token), Zoho Desk, CRM and Connect (OAuth)');
  const crm = panelPages(port).find((p) => p.vendor === 'zoho_crm')!;
  await openSignedIn(page, crm.contact.eligible!, crm.email);
  let crmPanel = await openPanelFor({ browser: launched }, page);
  await waitForVerdicts(crmPanel);
  console.log('✓ Portier panel: the contact’s verdicts on every portal user type');
  await shoot(crmPanel, '07-panel-contact-verdicts.png', 'Portier’s panel on a Zoho CRM contact: a verdict per portal user type');
  await crmPanel.close();

  await openSignedIn(page, crm.list, crm.email);
  await tickRows(page, crm.tour.list, 50);
  crmPanel = await openPanelFor({ browser: launched }, page);
  await checkSelection(crmPanel, 50);
  await shoot(crmPanel, '08-panel-bulk-preview.png', 'Portier’s panel: 50 ticked CRM contacts checked, the preview with its counts');
  await confirmButton(crmPanel).click();
  await progressBar(crmPanel).waitFor();
  await shoot(crmPanel, '09-panel-bulk-progress.png', 'Portier’s panel: the invitations in progress');
  const counts = await waitForJobCard(crmPanel, 'completed', 60_000);
  console.log(`✓ Bulk invitation completed: ${counts}`);
  await shoot(crmPanel, '10-panel-bulk-completed.png', `Portier’s panel: the job completed (${counts})`);
  await crmPanel.close();

  // 11–12. Where agents spend their day: a Zendesk ticket, its requester and CCs each with their verdicts.
  const ticket = ticketPages(port).zendeskTicket;
  await openSignedIn(page, ticket, zendesk.email);
  await check(page, 'Zendesk Support ticket page', ticket);
  await shoot(page, '11-zendesk-ticket.png', `Zendesk Support ticket (${ticket})`);
  const ticketPanel = await openPanelFor({ browser: launched }, page);
  await waitForTicket(ticketPanel);
  console.log('✓ Portier panel on a ticket: its requester and CCs, each with a verdict');
  await shoot(ticketPanel, '12-panel-ticket.png', 'Portier’s panel on a Zendesk ticket: the requester and the CCs, each with their verdicts and timeline');
  await ticketPanel.close();
  return shots;
}

async function contactPage(page: Page, app: VendorTour): Promise<void> {
  const { signedIn } = await openSignedIn(page, app.contact.url, app.email);
  if (signedIn) console.log(`  signed in to ${app.label} as ${app.email}`);
  const name = await renderedName(page, app.contact.nameSelector);
  if (name !== app.contact.name) throw new Error(`${app.label}: the contact page shows "${name}", not "${app.contact.name}".`);
  await check(page, `${app.label} contact page, name shown as text: ${name}`, app.contact.url);
}

/** Fails the demo when Portier's content script did not mark the page. */
async function check(page: Page, what: string, url: string): Promise<void> {
  const marker = await contentScriptMarker(page);
  if (marker !== 'ready') throw new Error(`Portier's content script did not run on ${url} (data-portier is ${marker ?? 'missing'}).`);
  console.log(`✓ ${what} — Portier content script: ${marker}`);
}

/** Playwright's errors carry the browser's whole log after their first line; DEBUG=1 shows it all. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return process.env.DEBUG ? message : (message.split('\n')[0] ?? message);
}

main().catch(async (error: unknown) => {
  if (stopping) return;
  console.error(`\nnpm run demo failed: ${error instanceof Error && error.cause ? error.message : firstLine(error)}`);
  if (!process.env.DEBUG) console.error('(DEBUG=1 npm run demo shows the details.)');
  await exit(1);
});
