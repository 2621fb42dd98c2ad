/**
 * Zendesk Support's agent workspace: `https://{subdomain}.zendesk.com/agent/…` (NOTES.md §1, one
 * host per account). The help center (`/hc/…`), sign-in and API paths of the same host are not it.
 * URL shapes: tests/fixtures/urls/zendesk.ts.
 */
import {
  detectedPage,
  hostLabel,
  isNumericId,
  parsePageUrl,
  pathSegments,
  readTickedRows,
  type DetectedPage,
  type ListMarkup,
  type PageHosts,
  type PageLocation,
  VENDOR_PAGE_HOSTS,
} from '../page-url';

/** zendesk.com's own site, not an account. */
const NOT_ACCOUNTS = new Set(['www']);

export function detect(location: PageLocation, hosts: PageHosts = VENDOR_PAGE_HOSTS): DetectedPage | null {
  const url = parsePageUrl(location);
  if (!url) return null;
  const account = hostLabel(url, hosts.zendesk, hosts.sandbox?.zendesk);
  if (account === undefined || NOT_ACCOUNTS.has(account)) return null;
  const [root, section, id] = pathSegments(url);
  if (root !== 'agent') return null;
  // Tabs of a profile or a ticket (`/requested_tickets`, `/events`) are still that user or ticket.
  if (section === 'users' && id !== undefined && isNumericId(id)) return detectedPage('zendesk', account, 'contact', url, [id]);
  if (section === 'tickets' && id !== undefined && isNumericId(id)) return detectedPage('zendesk', account, 'ticket', url, [id]);
  // An organization and its tabs (`/users`, `/tickets`): its members are a bulk source.
  if (section === 'organizations' && id !== undefined && isNumericId(id)) return detectedPage('zendesk', account, 'organization', url, [id]);
  // Customer lists: every list, and the default one, are `user_filters`.
  if (section === 'user_filters') return detectedPage('zendesk', account, 'list', url);
  return detectedPage('zendesk', account, 'other', url);
}

/**
 * The customer list, newest markup first. `current` is what the agent workspace draws today (and
 * the sandbox copies); `legacy` the older table with named checkboxes; `grid` rows that only say
 * `aria-selected`, as a list without checkboxes would.
 */
export const SELECTORS = {
  current: {
    table: '[data-test-id="customer-list-table"]',
    selectAll: '[data-test-id="customer-list-select-all"]',
    row: 'tr[data-test-id="customer-list-row"][data-user-id]',
    idAttribute: 'data-user-id',
    checkbox: '[data-test-id="customer-list-row-checkbox"]',
  },
  legacy: {
    table: 'table.filter_table',
    selectAll: 'input[type="checkbox"][name="select_all"]',
    row: 'tr[data-user-id]',
    idAttribute: 'data-user-id',
    checkbox: 'input[type="checkbox"][name="user_ids[]"]',
  },
  grid: {
    row: '[role="row"][data-user-id]',
    idAttribute: 'data-user-id',
  },
} as const satisfies Record<string, ListMarkup>;

const MARKUPS: readonly ListMarkup[] = [SELECTORS.current, SELECTORS.legacy, SELECTORS.grid];

export function readSelection(doc: Document): string[] | undefined {
  return readTickedRows(doc, MARKUPS, isNumericId);
}
