/**
 * Zoho Desk's agent app: `https://desk.<data center>/agent/{portal}/{department}/…`. Records are
 * `…/contacts/details/{id}` and `…/tickets/details/{id}`, as public code links them; accounts
 * `…/accounts/details/{id}` by the same pattern. The help center on the same host lives under
 * `/portal/{portal}/…` and is not the agent app.
 * URL shapes: tests/fixtures/urls/zoho-desk.ts.
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
  if (!url || !isZohoApp(url, 'desk', hosts)) return null;
  const [root, portal, department, section, view, id] = pathSegments(url);
  if (root !== 'agent' || portal === undefined || !isUrlName(portal)) return null;
  if (department === undefined || !isUrlName(department)) return detectedPage('zoho_desk', portal, 'other', url);
  const page = (kind: DetectedPage['pageKind'], ids: string[] = []) => detectedPage('zoho_desk', portal, kind, url, ids, department);
  if (view === 'details' && id !== undefined && isNumericId(id)) {
    if (section === 'contacts') return page('contact', [id]);
    if (section === 'tickets') return page('ticket', [id]);
    if (section === 'accounts') return page('organization', [id]);
  }
  // `…/contacts/list/{view}`; `…/contacts` alone opens the default view.
  if (section === 'contacts' && (view === undefined || view === 'list')) return page('list');
  return page('other');
}

/**
 * The contacts list view, newest markup first: `current` as Desk draws it today (and the sandbox
 * copies), `legacy` the older table with named checkboxes, `grid` rows that only say `aria-selected`.
 */
export const SELECTORS = {
  current: {
    table: '[data-id="contactListTable"]',
    selectAll: '[data-id="contactListSelectAll"]',
    row: 'tr[data-id="contactListRow"][data-contact-id]',
    idAttribute: 'data-contact-id',
    checkbox: '[data-id="contactListRowCheckbox"]',
  },
  legacy: {
    table: 'table.contactlist',
    selectAll: 'input[type="checkbox"][name="selectAllContacts"]',
    row: 'tr[data-contact-id]',
    idAttribute: 'data-contact-id',
    checkbox: 'input[type="checkbox"][name="contactIds"]',
  },
  grid: {
    row: '[role="row"][data-contact-id]',
    idAttribute: 'data-contact-id',
  },
} as const satisfies Record<string, ListMarkup>;

const MARKUPS: readonly ListMarkup[] = [SELECTORS.current, SELECTORS.legacy, SELECTORS.grid];

export function readSelection(doc: Document): string[] | undefined {
  return readTickedRows(doc, MARKUPS, isNumericId);
}
