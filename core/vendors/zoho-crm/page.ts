/**
 * Zoho CRM's web app: records at `https://crm.<data center>/crm/org{orgId}/tab/{Module}/{id}`, list
 * views at `…/tab/{Module}` and `…/tab/{Module}/custom-view/{cvid}/list|canvas/…`. `{Module}` is the
 * module's API name; an org may put a custom CRM URL name in place of `org{orgId}`.
 * URL shapes: tests/fixtures/urls/zoho-crm.ts.
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
  type PageLocation,
} from '../page-url';

/** Tabs that hold no records: no module, nothing to invite. */
const NOT_MODULES = new Set(['Home', 'Dashboards', 'Reports', 'Analytics', 'Feeds', 'Forecasts']);

const MODULE_API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** `org{digits}` gives the org id; a custom URL name stands as it is. `tab` or an API version is no account. */
function account(segment: string | undefined): string | undefined {
  if (segment === undefined || !isUrlName(segment) || segment === 'tab' || /^v[0-9]+$/.test(segment)) return undefined;
  return /^org[0-9]+$/.test(segment) ? segment.slice(3) : segment;
}

export function detect(location: PageLocation): DetectedPage | null {
  const url = parsePageUrl(location);
  if (!url || !isZohoApp(url, 'crm')) return null;
  const [root, org, tab, module, next] = pathSegments(url);
  const accountId = account(org);
  if (root !== 'crm' || accountId === undefined) return null;
  if (tab !== 'tab' || module === undefined || NOT_MODULES.has(module) || !MODULE_API_NAME.test(module)) {
    return detectedPage('zoho_crm', accountId, 'other', url);
  }
  const page = (kind: DetectedPage['pageKind'], ids: string[] = []) => detectedPage('zoho_crm', accountId, kind, url, ids, module);
  if (next === undefined || next === 'custom-view') return page('list');
  if (isNumericId(next)) return page('contact', [next]);
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
