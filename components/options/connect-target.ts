import { Vendor } from '../../core/model';
import type { ConnectTarget } from '../shared/platform';

/**
 * The options page's address names the account to connect when the panel sends the agent there
 * from a page of an account Portier cannot read: `options.html#connect=zendesk:globex`. The hash
 * comes from an address anyone can type, so it is read as data: a known vendor and a plain name.
 */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function connectHash(at: ConnectTarget): string {
  return `connect=${encodeURIComponent(`${at.vendor}:${at.account}`)}`;
}

export function parseConnectTarget(hash: string | undefined): ConnectTarget | undefined {
  const value = /(?:^#?|&)connect=([^&]*)/.exec(hash ?? '')?.[1];
  if (!value) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return undefined;
  }
  const colon = decoded.indexOf(':');
  const vendor = Vendor.safeParse(decoded.slice(0, colon));
  const account = decoded.slice(colon + 1);
  return colon > 0 && vendor.success && ACCOUNT.test(account) ? { vendor: vendor.data, account } : undefined;
}
