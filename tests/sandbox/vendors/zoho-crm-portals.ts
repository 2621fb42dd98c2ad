/**
 * Client-portal settings of Zoho CRM: portals (portals.json), user types (portal_user_type.json) and
 * the users of a user type with delete, transfer and change_status (user_type_users.json and the
 * newer portal_users.yaml, whose shapes are followed where the two differ: NOTES.md C2).
 */
import type { Context, Hono } from 'hono';
import type { CrmOrg, CrmPortalUser } from '../model';
import type { SandboxState } from '../state';
import type { SandboxEnv } from './http';
import { hasScope } from './zoho-auth';
import { crmError, NO_PERMISSION, owner, SCOPE_MISMATCH, seatsUsed, serializePortalUser, serializeUserType, type CrmVars } from './zoho-crm-model';

type Env = SandboxEnv<CrmVars>;
type Ctx = Context<Env>;

/**
 * `type` of Get Users of a User Type (zoho.com/developer/docs/vertical-solutions/api/v6/get-users-user-type).
 * Required in user_type_users.json, optional in portal_users.yaml: absent means AllUsers here.
 */
const USER_FILTERS: Record<string, (u: CrmPortalUser) => boolean> = {
  AllUsers: () => true,
  AllActiveUsers: (u) => u.active,
  ActiveUsers: (u) => u.active,
  DeactiveUsers: (u) => !u.active,
  NotConfirmedUsers: (u) => !u.confirm,
  ConfirmedUsers: (u) => u.confirm,
  ActiveConfirmedUsers: (u) => u.active && u.confirm,
};

function userType(org: CrmOrg, c: Ctx) {
  const portal = org.portals.find((p) => p.name === c.req.param('portal'));
  return portal ? org.userTypes.find((ut) => ut.portal === portal.name && ut.id === c.req.param('user_type_id')) : undefined;
}

const unknownUserType = () => crmError(400, 'INVALID_DATA', 'invalid data', { param_name: 'user_type_id' });

export function registerCrmPortals(app: Hono<Env>, state: SandboxState): void {
  const org = () => state.data.crm;
  const read = (c: Ctx) => hasScope(c, 'ZohoCRM.settings.clientportal.READ');
  const manage = (c: Ctx) => (c.get('user').portalPermission ? undefined : NO_PERMISSION());

  // Get Portals
  app.get('/crm/v8/settings/portals', (c) => {
    if (!read(c)) return SCOPE_MISMATCH();
    const admin = owner(org(), org().users[0]?.id ?? '');
    const by = { name: admin.name, id: admin.id };
    return c.json({ portals: org().portals.map((p) => ({ name: p.name, zaid: p.zaid, active: p.active, created_time: p.createdTime, modified_time: p.createdTime, created_by: by, modified_by: by })) });
  });

  // Get User Types
  app.get('/crm/v8/settings/portals/:portal/user_type', (c) => {
    if (!read(c)) return SCOPE_MISMATCH();
    const portal = org().portals.find((p) => p.name === c.req.param('portal'));
    // portal_user_type.json RErrorResponse: InvalidValueError with {api_name, json_path} details.
    if (!portal) return crmError(400, 'INVALID_DATA', 'invalid data', { api_name: 'portal', json_path: '$.portal' });
    return c.json({ user_type: org().userTypes.filter((ut) => ut.portal === portal.name).map((ut) => serializeUserType(org(), ut)) });
  });

  // getPortalUsers: filters by `type` and `personality_ids`, page/per_page; 204 when empty.
  app.get('/crm/v8/settings/portals/:portal/user_type/:user_type_id/users', (c) => {
    if (!read(c)) return SCOPE_MISMATCH();
    const ut = userType(org(), c);
    if (!ut) return unknownUserType();
    const type = c.req.query('type') ?? 'AllUsers';
    const filter = USER_FILTERS[type];
    if (!filter) return crmError(400, 'PATTERN_NOT_MATCHED', 'Please check whether the input values are correct', { api_name: 'type' });
    const ids = c.req.query('personality_ids')?.split(',').filter(Boolean);
    const users = org().portalUsers.filter((u) => u.userTypeId === ut.id && filter(u) && (!ids || ids.includes(u.personalityId)));
    if (users.length === 0) return c.body(null, 204);
    const perPage = Math.min(200, Math.max(1, Number(c.req.query('per_page') ?? 200) || 200));
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    return c.json({ users: users.slice((page - 1) * perPage, page * perPage).map(serializePortalUser), info: { total_count: users.length } });
  });

  // deletePortalUsers: ?personality_ids=a,b
  app.delete('/crm/v8/settings/portals/:portal/user_type/:user_type_id/users', (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.DELETE')) return SCOPE_MISMATCH();
    const denied = manage(c);
    if (denied) return denied;
    const ut = userType(org(), c);
    if (!ut) return unknownUserType();
    const ids = (c.req.query('personality_ids') ?? '').split(',').filter(Boolean);
    const missing = ids.filter((id) => !org().portalUsers.some((u) => u.userTypeId === ut.id && u.personalityId === id));
    if (ids.length === 0 || missing.length > 0) {
      return c.json({ users: (missing.length ? missing : ['']).map((id) => ({ code: 'INVALID_DATA', details: { personality_id: id }, message: 'Delete of user failed as personality id does not belongs to any portal user or belongs to portal user, who does not belongs to provided user type.', status: 'error' })) }, 400);
    }
    org().portalUsers = org().portalUsers.filter((u) => !(u.userTypeId === ut.id && ids.includes(u.personalityId)));
    return c.json({ users: ids.map((id) => ({ code: 'SUCCESS', details: { personality_id: id }, message: 'User deleted successfully', status: 'success' })) });
  });

  // transferPortalUsers: ?personality_ids=&transfer_To=
  app.post('/crm/v8/settings/portals/:portal/user_type/:user_type_id/users/action/transfer', (c) => {
    // portal_users.yaml asks ZohoCRM.settings.clientportal.CREATE for a transfer.
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.CREATE')) return SCOPE_MISMATCH();
    const denied = manage(c);
    if (denied) return denied;
    const ut = userType(org(), c);
    if (!ut) return unknownUserType();
    for (const param of ['personality_ids', 'transfer_To'] as const) {
      if (!c.req.query(param)) return crmError(400, 'REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', { param });
    }
    const to = org().userTypes.find((t) => t.id === c.req.query('transfer_To') && t.portal === ut.portal && t.module === ut.module);
    if (!to) return crmError(400, 'INVALID_DATA', 'invalid data', { transfer_To: c.req.query('transfer_To') });
    const ids = (c.req.query('personality_ids') ?? '').split(',').filter(Boolean);
    const users = ids.map((id) => org().portalUsers.find((u) => u.userTypeId === ut.id && u.personalityId === id));
    const bad = ids.filter((_, i) => !users[i]);
    if (bad.length) {
      return c.json({ users: bad.map((id) => ({ code: 'INVALID_DATA', details: { personality_id: id }, message: 'Transfer of user failed as personality id does not belongs to any portal user or belongs to portal user, who does not belongs to provided user type.', status: 'error' })) }, 400);
    }
    for (const u of users) if (u) u.userTypeId = to.id;
    return c.json({ users: ids.map((id) => ({ code: 'SUCCESS', details: { personality_id: id }, message: 'User has been transferred successfully', status: 'success' })) });
  });

  // changePortalUsersStatus: ?active=true|false (RULES.md PORTAL_USER_DEACTIVATED: activate, do not invite).
  // The v8 doc page lists LIMIT_EXCEEDED as HTTP 403; portal_users.yaml declares it under 400, which is kept.
  app.put('/crm/v8/settings/portals/:portal/user_type/:user_type_id/users/:recordId/actions/change_status', (c) => {
    if (!hasScope(c, 'ZohoCRM.settings.clientportal.UPDATE')) return SCOPE_MISMATCH();
    const denied = manage(c);
    if (denied) return denied;
    const ut = userType(org(), c);
    if (!ut) return unknownUserType();
    const active = c.req.query('active');
    if (active !== 'true' && active !== 'false') return crmError(400, 'INVALID_DATA', 'invalid data', { resource_path_index: '6' });
    const user = org().portalUsers.find((u) => u.userTypeId === ut.id && u.personalityId === c.req.param('recordId'));
    if (!user) return crmError(400, 'INVALID_DATA', 'invalid data', { resource_path_index: '6' });
    const record = org().records.find((r) => r.id === user.personalityId);
    if (record?.state === 'recycle_bin') return crmError(400, 'INVALID_DATA', 'Activation/Deactivation of portal user whose personality record in recyclebin is not allowed.', { resource_path_index: '6' });
    if (active === 'true') {
      if (user.active) return crmError(400, 'ALREADY_ACTIVATED', 'Already in active state only.', { resource_path_index: '6' });
      if (seatsUsed(org(), ut) >= ut.seats) return crmError(400, 'LIMIT_EXCEEDED', 'License Limit has been exceeded.', { limit: ut.seats });
      user.active = true;
      user.statusReason = 'Active';
    } else {
      if (!user.confirm) return crmError(400, 'NOT_ALLOWED', 'Deactivating unconfirmed user is not allowed', { resource_path_index: '6' });
      user.active = false;
      user.statusReason = 'Deactivated';
    }
    return c.json({ change_status: [{ code: 'SUCCESS', details: { personality_id: user.personalityId }, message: 'Status of the user changed successfully.', status: 'success' }] });
  });
}
