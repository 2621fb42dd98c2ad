/**
 * One sandbox per connector test file (port 0), reset before each test, and the control API over
 * HTTP as a test outside the sandbox's own folder would use it.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { emailKey } from '../../../core/email';
import { recordKey, type Contact, type Vendor } from '../../../core/model';
import { startSandbox, type RunningSandbox } from '../../sandbox/server';

export function useSandbox(): { readonly current: RunningSandbox; control: (method: string, path: string, body?: unknown) => Promise<any> } {
  let sandbox: RunningSandbox | undefined;
  const current = () => {
    if (!sandbox) throw new Error('sandbox not started');
    return sandbox;
  };
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${current().url}/__sandbox${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
  beforeAll(async () => {
    // These tests need only the APIs: leave the agent pages out.
    sandbox = await startSandbox({ port: 0, pages: false });
  }, 30_000);
  afterAll(async () => {
    await sandbox?.close();
  });
  beforeEach(async () => {
    await control('POST', '/reset');
    await control('POST', '/time', { scale: 1 });
  });
  return {
    get current() {
      return current();
    },
    control,
  };
}

/** A contact that came from somewhere else than the target's vendor (a CSV line, another helpdesk). */
export function outsideContact(id: string, email: string | undefined, name?: string, vendor: Vendor = 'zoho_desk'): Contact {
  const key = emailKey(email);
  return {
    id,
    key: recordKey(vendor, 'elsewhere', id),
    vendor,
    accountId: 'elsewhere',
    ...(name ? { name } : {}),
    ...(email === undefined ? {} : { email }),
    ...(key ? { emailKey: key } : {}),
    fetchedAt: new Date().toISOString(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
