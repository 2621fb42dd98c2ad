/**
 * Zoho CRM related records (related_records.json "Get Related Records"): an Accounts record's
 * Contacts, `GET /crm/v8/Accounts/{record_id}/Contacts`, page / per_page (≤ 200) and `fields` like
 * Get Records, 204 when the record has none. The only relation the sandbox keeps is a Contact's
 * Account_Name lookup; any other relation name is refused as CRM refuses an unknown one.
 */
import type { Hono } from 'hono';
import type { SandboxState } from '../state';
import type { SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import { crmError, findModule, INVALID_MODULE, SCOPE_MISMATCH, serializeRecord, type CrmVars } from './zoho-crm-model';

type Env = SandboxEnv<CrmVars>;

/** The related lists the sandbox serves: parent module → related list → the related records' module. */
const RELATED: Record<string, Record<string, string>> = { Accounts: { Contacts: 'Contacts' } };

export function registerCrmRelated(app: Hono<Env>, state: SandboxState): void {
  app.get('/crm/v8/:module/:record_id{[0-9]+}/:related', (c) => {
    const module = findModule(c.req.param('module'));
    if (!module) return INVALID_MODULE();
    const related = RELATED[module]?.[c.req.param('related')];
    if (!related) return crmError(400, 'INVALID_DATA', 'The relation name given seems to be invalid', { api_name: c.req.param('related') });
    if (!hasScope(c, `ZohoCRM.modules.${module}.READ`) || !hasScope(c, `ZohoCRM.modules.${related}.READ`)) return SCOPE_MISMATCH();
    const org = state.data.crm;
    const parent = org.records.find((r) => r.id === c.req.param('record_id') && r.module === module && r.state === 'active');
    if (!parent) return crmError(400, 'INVALID_DATA', 'the related id given seems to be invalid', { id: c.req.param('record_id') });
    const q = c.req.query();
    const perPage = Math.min(200, Math.max(1, Number(q.per_page ?? 200) || 200));
    const page = Math.max(1, Number(q.page ?? 1) || 1);
    const found = org.records.filter((r) => r.module === related && r.state === 'active' && r.accountId === parent.id);
    const slice = found.slice((page - 1) * perPage, page * perPage);
    if (slice.length === 0) return c.body(null, 204);
    const fields = q.fields?.split(',').map((f) => f.trim()).filter(Boolean);
    const pick = (record: ReturnType<typeof serializeRecord>) =>
      fields ? Object.fromEntries(Object.entries(record).filter(([key]) => key === 'id' || fields.includes(key))) : record;
    return c.json({
      data: slice.map((r) => pick(serializeRecord(org, r))),
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < found.length },
    });
  });
}
