import { describe, expect, it } from 'vitest';
import type { Target } from '../../../core/model';
import { ZendeskConnector } from '../../../core/vendors/zendesk/api';
import { zendeskApiTokenAuth } from '../../../core/vendors/zendesk/auth';
import { sandboxFetch } from '../../sandbox/fetch';
import { generatePeople } from '../../sandbox/generate';
import { ZENDESK } from '../../sandbox/seed/ids';
import { outsideContact, useSandbox } from './sandbox-helpers';

/** Issue #12, item 6: Zendesk's 403 on create_many (bulk import off) is said to the background, and a connector told so never tries it. */
const sandbox = useSandbox();

function globex(bulkImportOff: boolean, onLearned?: (lesson: { kind: 'bulk_import_off' }) => void) {
  return new ZendeskConnector({
    endpoint: { vendor: 'zendesk', accountId: 'globex', apiBase: sandbox.current.vendorUrl('globex.zendesk.localhost') },
    auth: zendeskApiTokenAuth('gina.admin@globex.com', ZENDESK.globex.apiToken),
    fetch: sandboxFetch,
    bulkImportOff,
    ...(onLearned ? { onLearned } : {}),
  });
}

const people = (n: number, seed: number) => generatePeople(n, { seed, mix: false }).map((p, i) => outsideContact(`csv-${seed}-${i}`, p.email ?? undefined, p.name));
const requests = async (key: string) => ((await sandbox.control('GET', '/counters')).requests[key] ?? 0) as number;

describe('Zendesk bulk import off', () => {
  it('is learned from the 403 and told once; a connector that knows it creates one by one from the start', async () => {
    const lessons: string[] = [];
    const c = globex(false, (lesson) => lessons.push(lesson.kind));
    const [t] = (await c.listTargets()) as [Target];
    await c.send(t, 'invite', people(2, 41));
    await c.send(t, 'invite', people(2, 42));
    expect(lessons).toEqual(['bulk_import_off']);
    expect(await requests('zendesk POST /api/v2/users/create_many')).toBe(1);

    const knows = globex(true);
    await knows.send(t, 'invite', people(3, 43));
    expect(await requests('zendesk POST /api/v2/users/create_many')).toBe(1);
    expect(await requests('zendesk POST /api/v2/users')).toBe(7);
  });
});
