import { ZohoDataCenter, type ConnectAccount } from '../../core/messages';
import type { Account } from '../../core/model';

/**
 * The connectAccount request that connects `account` again the way it was connected. An API token
 * is never given back to the page, so that one is `undefined`: the admin types the token again.
 */
export function reconnectRequest(account: Account): ConnectAccount | undefined {
  if (account.vendor === 'zendesk') {
    const subdomain = account.subdomain ?? account.id;
    if (account.authKind === 'api_token') return undefined;
    return { vendor: 'zendesk', subdomain, auth: { kind: account.authKind } };
  }
  // Zoho account ids are `${dataCenter}:${orgId}`; the fields are preferred when the row has them.
  const [idDataCenter, ...rest] = account.id.split(':');
  const dataCenter = ZohoDataCenter.safeParse(account.dataCenter ?? idDataCenter);
  const orgId = account.orgId ?? rest.join(':');
  if (!dataCenter.success || orgId === '') return undefined;
  return { vendor: account.vendor, dataCenter: dataCenter.data, orgId, auth: { kind: 'oauth' } };
}
