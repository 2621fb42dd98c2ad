import 'fake-indexeddb/auto';
import { afterEach, expect, it } from 'vitest';
import { emailKey } from '../../../core/email';
import { ResultOf, type RequestType } from '../../../core/messages';
import { fakeZohoSignIn } from './fake-zoho-sign-in';
import { ACCOUNT, idleAll, PANEL, person, world, type World } from './helpers';

/**
 * Every request the background handles, answered successfully once, and every answer parses with
 * the protocol's ResultOf schema: the panel parses them too, and an answer outside the schema would
 * reach it as "could not be read". The Record type makes a new request type fail to compile here.
 */

afterEach(idleAll);

const TARGET = 'zendesk:acme:end_users';
const page = { vendor: 'zendesk', account: ACCOUNT, pageKind: 'contact', recordIds: ['1'], url: 'https://acme.zendesk.com/agent/users/1' };

type Step = { request: (state: { jobId: string }) => Record<string, unknown>; sender?: object };

const STEPS: Record<RequestType, Step> = {
  listAccounts: { request: () => ({ type: 'listAccounts' }) },
  connectAccount: { request: () => ({ type: 'connectAccount', account: { vendor: 'zendesk', subdomain: ACCOUNT, auth: { kind: 'session' } } }) },
  zohoSignIn: { request: () => ({ type: 'zohoSignIn', vendor: 'zoho_connect', dataCenter: 'com' }) },
  zohoSignInAlive: { request: () => ({ type: 'zohoSignInAlive', signInId: 'gone' }) },
  listTargets: { request: () => ({ type: 'listTargets', accountId: ACCOUNT }) },
  evaluate: { request: () => ({ type: 'evaluate', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '404'], emails: ['new@woodgrove.com', 'bad'] }) },
  // Before startJob: a later job over the same people takes their rows over from this one.
  retryFailed: { request: ({ jobId }) => ({ type: 'retryFailed', jobId }) },
  startJob: { request: () => ({ type: 'startJob', accountId: ACCOUNT, targetKey: TARGET, contactIds: ['1', '2'] }) },
  pauseJob: { request: ({ jobId }) => ({ type: 'pauseJob', jobId }) },
  resumeJob: { request: ({ jobId }) => ({ type: 'resumeJob', jobId }) },
  cancelJob: { request: ({ jobId }) => ({ type: 'cancelJob', jobId }) },
  pageContext: { request: () => ({ type: 'pageContext', context: page }), sender: { kind: 'content', tabId: 3 } },
  getPageContext: { request: () => ({ type: 'getPageContext', tabId: 3 }) },
  inspectContact: { request: () => ({ type: 'inspectContact', accountId: ACCOUNT, contactId: '1' }) },
  inspectTicket: { request: () => ({ type: 'inspectTicket', accountId: ACCOUNT, ticketId: '7' }) },
  organizationMembers: { request: () => ({ type: 'organizationMembers', accountId: ACCOUNT, organizationId: '8' }) },
  lastVerdicts: { request: () => ({ type: 'lastVerdicts', accountId: ACCOUNT, contactId: '1' }) },
  listRecords: { request: () => ({ type: 'listRecords', accountId: ACCOUNT, page: 1, perPage: 10 }) },
  sendVerification: { request: () => ({ type: 'sendVerification', accountId: ACCOUNT, contactId: '1' }) },
  listPortalUsers: { request: () => ({ type: 'listPortalUsers', accountId: ACCOUNT, targetKey: TARGET, status: 'active' }) },
  portalUserAction: { request: () => ({ type: 'portalUserAction', accountId: ACCOUNT, targetKey: TARGET, action: 'deactivate', personalityIds: ['p1', 'p2'] }) },
  saveAccountSettings: { request: () => ({ type: 'saveAccountSettings', accountId: ACCOUNT, companyDomains: ['@Acme.com'], defaultTargetKey: TARGET, pageNames: ['acme'] }) },
  getPrivacySettings: { request: () => ({ type: 'getPrivacySettings' }) },
  savePrivacySettings: { request: () => ({ type: 'savePrivacySettings', retentionDays: 30 }) },
  disconnectAccount: { request: () => ({ type: 'disconnectAccount', accountId: ACCOUNT }) },
  clearAllData: { request: () => ({ type: 'clearAllData' }) },
};

async function everything(): Promise<World> {
  const zoho = fakeZohoSignIn();
  const w = await world({
    oauth: zoho.oauth,
    fetch: zoho.fetch,
    extra: {
      contactFromEmail: (email) => person(`email:${emailKey(email)}`, email),
      listContacts: async () => ({ contacts: [person('1', 'ann@woodgrove.com')], hasMore: false }),
      ticketPeople: async () => ({ subject: 'Help', people: [{ role: 'requester', contact: person('1', 'ann@woodgrove.com') }], requesterMissing: false, ccsMissing: 0, agents: 1 }),
      organizationMembers: async () => ({ name: 'Woodgrove', contactIds: ['1', '2'], capped: false }),
      sendVerification: async () => ({ sent: true, message: 'Sent to ann@woodgrove.com' }),
      portalUsers: async () => [{ personalityId: 'p1', contactId: '1', email: 'ann@woodgrove.com', status: 'active' }],
      portalUserAction: async (_t, _a, ids) => ids.map((personalityId) => ({ personalityId, ok: personalityId === 'p1', ...(personalityId === 'p1' ? {} : { message: 'unknown user' }) })),
    },
  });
  return w;
}

it('every handler’s answer parses with its ResultOf schema', async () => {
  const w = await everything();
  // A job with a failed item, for the job controls and retryFailed.
  // Retryable (no seat left): retryFailed retries only what a retry may fix.
  w.vendor.refuse.set('bob@woodgrove.com', { code: 'LICENSE_LIMIT_EXCEEDED', message: 'License limit exceeded', reason: 'LICENSE_LIMIT' });
  const first = await w.service.handle(STEPS.startJob.request({ jobId: '' }), PANEL);
  if (!first.ok || !('jobs' in first.result)) throw new Error('startJob refused');
  await w.service.idle();
  const state = { jobId: first.result.jobs[0]!.jobId };

  expect(Object.keys(STEPS).sort()).toEqual(Object.keys(ResultOf).sort());
  for (const type of Object.keys(STEPS) as RequestType[]) {
    const step = STEPS[type];
    const answer = await w.service.handle(step.request(state), step.sender ?? PANEL);
    expect(answer, `${type}: ${JSON.stringify(answer)}`).toMatchObject({ ok: true });
    if (!answer.ok) continue;
    const parsed = ResultOf[type].safeParse(answer.result);
    expect(parsed.success, `${type}: ${parsed.error?.message ?? ''}`).toBe(true);
  }
});
