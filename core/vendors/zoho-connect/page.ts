/**
 * Zoho Connect: a network's pages are `https://connect.<data center>/portal/{portal}/…`, `{portal}`
 * being the network's URL name. The members list (`…/members`) and a profile (`…/profile/{zuid}`)
 * are approximate shapes (Connect documents its API, not its pages). `/pulse/api/…` is the API.
 * URL shapes: tests/fixtures/urls/zoho-connect.ts.
 */
import {
  detectedPage,
  isNumericId,
  isUrlName,
  isZohoApp,
  parsePageUrl,
  pathSegments,
  readTickedRows,
  type DetectedPage,
  type ListMarkup,
  type PageHosts,
  type PageLocation,
  VENDOR_PAGE_HOSTS,
} from '../page-url';

export function detect(location: PageLocation, hosts: PageHosts = VENDOR_PAGE_HOSTS): DetectedPage | null {
  const url = parsePageUrl(location);
  if (!url || !isZohoApp(url, 'connect', hosts)) return null;
  const [root, portal, section, zuid] = pathSegments(url);
  if (root !== 'portal' || portal === undefined || !isUrlName(portal)) return null;
  if (section === 'profile' && zuid !== undefined && isNumericId(zuid)) return detectedPage('zoho_connect', portal, 'contact', url, [zuid]);
  if (section === 'members') return detectedPage('zoho_connect', portal, 'list', url);
  return detectedPage('zoho_connect', portal, 'other', url);
}

/**
 * The members list, newest markup first: `current` as the sandbox draws it, `legacy` a table with
 * named checkboxes, `grid` rows that only say `aria-selected`. Members are named by zuid.
 */
export const SELECTORS = {
  current: {
    table: '[data-zcqa="memberListTable"]',
    selectAll: '[data-zcqa="memberSelectAll"]',
    row: 'tr[data-zcqa="memberRow"][data-zuid]',
    idAttribute: 'data-zuid',
    checkbox: '[data-zcqa="memberCheckbox"]',
  },
  legacy: {
    table: 'table.memberslist',
    selectAll: 'input[type="checkbox"][name="selectAllMembers"]',
    row: 'tr[data-zuid]',
    idAttribute: 'data-zuid',
    checkbox: 'input[type="checkbox"][name="memberIds"]',
  },
  grid: {
    row: '[role="row"][data-zuid]',
    idAttribute: 'data-zuid',
  },
} as const satisfies Record<string, ListMarkup>;

const MARKUPS: readonly ListMarkup[] = [SELECTORS.current, SELECTORS.legacy, SELECTORS.grid];

export function readSelection(doc: Document): string[] | undefined {
  return readTickedRows(doc, MARKUPS, isNumericId);
}
