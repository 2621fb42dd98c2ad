/**
 * Zoho CRM's web app: records at `https://crm.<data center>/crm/org{orgId}/tab/{Module}/{id}`, list
 * views at `…/tab/{Module}` and `…/tab/{Module}/custom-view/{cvid}/list|canvas/…`. `{Module}` is the
 * module's API name; an org may put a custom CRM URL name in place of `org{orgId}`, and some links
 * leave it out. An Accounts record is an organization: its related Contacts can be invited.
 * URL shapes: tests/fixtures/urls/zoho-crm.ts.
 */
import { CRM_MODULE } from '../../model/page-ids';
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

/** Tabs that hold no records: no module, nothing to invite. */
const NOT_MODULES = new Set(['Home', 'Dashboards', 'Reports', 'Analytics', 'Feeds', 'Forecasts']);

/** `org{digits}` gives the org id; a custom URL name stands as it is. `tab` or an API version is no account. */
function account(segment: string | undefined): string | undefined {
  if (segment === undefined || !isUrlName(segment) || segment === 'tab' || /^v[0-9]+$/.test(segment)) return undefined;
  return /^org[0-9]+$/.test(segment) ? segment.slice(3) : segment;
}

/** The module whose records are organizations: an Account's related Contacts are a bulk source. */
const ORGANIZATION_MODULE = 'Accounts';

export function detect(location: PageLocation, hosts: PageHosts = VENDOR_PAGE_HOSTS): DetectedPage | null {
  const url = parsePageUrl(location);
  if (!url || !isZohoApp(url, 'crm', hosts)) return null;
  const [root, ...rest] = pathSegments(url);
  if (root !== 'crm') return null;
  // Public material also links records without the org (`crm.zoho.eu/crm/tab/Contacts/{id}`): the
  // URL then names only the data center's domain (`zoho.eu`), and the page belongs to the agent's
  // one CRM org there (core/background/pages.ts matchAccount).
  const orgless = rest[0] === 'tab';
  const [org, tab, module, next] = orgless ? [url.hostname.slice('crm.'.length), ...rest] : rest;
  const accountId = orgless ? org : account(org);
  if (accountId === undefined || !isUrlName(accountId)) return null;
  if (tab !== 'tab' || module === undefined || NOT_MODULES.has(module) || !CRM_MODULE.test(module)) {
    return detectedPage('zoho_crm', accountId, 'other', url);
  }
  const page = (kind: DetectedPage['pageKind'], ids: string[] = []) => detectedPage('zoho_crm', accountId, kind, url, ids, module);
  if (next === undefined || next === 'custom-view') return page('list');
  if (isNumericId(next)) return page(module === ORGANIZATION_MODULE ? 'organization' : 'contact', [next]);
  return page('other');
}

/**
 * The list view, newest markup first: `current` as CRM draws it today (and the sandbox copies),
 * `legacy` the older rows whose only id is `id="lvTr_{id}"`, `grid` rows that only say `aria-selected`.
 */
export const SELECTORS = {
  current: {
    table: '[data-zcqa="lv_table"]',
    selectAll: '[data-zcqa="lv_selectAll"]',
    row: 'tr[data-zcqa="lv_row"][data-record-id]',
    idAttribute: 'data-record-id',
    checkbox: '[data-zcqa="lv_rowCheckbox"]',
  },
  legacy: {
    table: 'table#listViewTable',
    selectAll: 'input[type="checkbox"][name="allcheck"]',
    row: 'tr[id^="lvTr_"]',
    idAttribute: 'id',
    idPrefix: 'lvTr_',
    checkbox: 'input[type="checkbox"][name="chk"]',
  },
  grid: {
    row: '[role="row"][data-record-id]',
    idAttribute: 'data-record-id',
  },
} as const satisfies Record<string, ListMarkup>;

const MARKUPS: readonly ListMarkup[] = [SELECTORS.current, SELECTORS.legacy, SELECTORS.grid];

export function readSelection(doc: Document): string[] | undefined {
  return readTickedRows(doc, MARKUPS, isNumericId);
}
