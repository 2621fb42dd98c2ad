import { z } from '../../zod';

/**
 * Zoho CRM v8 answers as Portier reads them (vendor-specs/zoho-crm: portals.json,
 * portal_user_type.json, record.json, module_search.json, portal_users/portal_users.yaml). Only the
 * fields Portier uses are declared; the rest passes unread.
 */

/** CRM ids are 64-bit integers, sent as strings. */
export const CrmId = z.union([z.string().min(1), z.number().int()]).transform(String);

/** `GET /crm/v8/settings/portals` */
export const CrmPortals = z.object({
  portals: z.array(z.object({ name: z.string().min(1), active: z.boolean().nullish() })),
});

export const CrmUserType = z.object({
  id: CrmId,
  name: z.string(),
  active: z.boolean().nullish(),
  default: z.boolean().nullish(),
  /** Users of the type, deactivated ones included (the sandbox counts them all). There is no limit field. */
  no_of_users: z.number().int().nullish(),
  /** The one module whose records this user type takes (Contacts, Leads, Vendors or a custom one). */
  personality_module: z.object({ api_name: z.string() }).nullish(),
});
export type CrmUserType = z.infer<typeof CrmUserType>;

/** `GET /crm/v8/settings/portals/{portal}/user_type` */
export const CrmUserTypes = z.object({ user_type: z.array(CrmUserType) });

/** A record of any personality module (record.json Record): the fields a contact is made of. */
export const CrmRecord = z.object({
  id: CrmId,
  First_Name: z.string().nullish(),
  Last_Name: z.string().nullish(),
  Full_Name: z.string().nullish(),
  /** Vendors name their records here. */
  Vendor_Name: z.string().nullish(),
  /** Custom modules name their records here. */
  Name: z.string().nullish(),
  Email: z.string().nullish(),
  Phone: z.string().nullish(),
  Mobile: z.string().nullish(),
  /** Leads: a string. */
  Company: z.string().nullish(),
  /** Contacts: a lookup `{name, id}`. */
  Account_Name: z.object({ name: z.string().nullish() }).nullish(),
  /** module_search.json's approval_state enum: approved, approval_process_pending, review_process_pending… */
  $approval_state: z.string().nullish(),
  /** GDPR: present only when the organization has it on; null for a record that needs no consent. */
  Data_Processing_Basis_Details: z.object({ Data_Processing_Basis: z.string().nullish() }).nullish(),
});
export type CrmRecord = z.infer<typeof CrmRecord>;

/** `GET /crm/v8/Accounts/{id}`: an Accounts record is named by Account_Name, a string there. */
export const CrmAccountRecords = z.object({ data: z.array(z.object({ id: CrmId, Account_Name: z.string().nullish() })) });

/** Get Related Records: only the ids are read. */
export const CrmRelatedIds = z.object({
  data: z.array(z.object({ id: CrmId })),
  info: z.object({ more_records: z.boolean().nullish() }).nullish(),
});

/** `GET /crm/v8/{module}/{id}` and `GET /crm/v8/{module}/search` */
export const CrmRecords = z.object({
  data: z.array(CrmRecord),
  info: z.object({ more_records: z.boolean().nullish() }).nullish(),
});

export const CrmPortalUser = z.object({
  personality_id: CrmId,
  confirm: z.boolean().nullish(),
  active: z.boolean().nullish(),
  /**
   * When the portal user was created, i.e. first invited (portal_users.yaml: required). A re-invite
   * does not change it: only a lower bound of the last invitation.
   */
  created_time: z.string().nullish(),
  /**
   * user_type_users.json `invited_time` (string, date-time, optional; portal_users.yaml does not
   * list it): read as the time of the last invitation. That a re-invite moves it is [UNCONFIRMED].
   */
  invited_time: z.string().nullish(),
  email: z.string().nullish(),
  name: z.string().nullish(),
  module: z.string().nullish(),
});
export type CrmPortalUser = z.infer<typeof CrmPortalUser>;

/** `GET …/user_type/{id}/users` (204 when there are none). */
export const CrmPortalUsers = z.object({
  users: z.array(CrmPortalUser),
  info: z.object({ total_count: z.number().int().nullish(), per_page: z.number().int().nullish(), more_records: z.boolean().nullish() }).nullish(),
});

/** One answer of an action: `{code, details, message, status}` (invite, change_status, delete, transfer). */
export const CrmActionAnswer = z.object({
  code: z.string(),
  details: z.record(z.string(), z.unknown()).nullish(),
  message: z.string().nullish(),
  status: z.string().nullish(),
});
export type CrmActionAnswer = z.infer<typeof CrmActionAnswer>;

/** The single invite and the bulk invite (SCHEDULED + details.job_id). */
export const CrmPortalInviteAnswer = z.object({ portal_invite: z.array(CrmActionAnswer).min(1) });
export const CrmChangeStatusAnswer = z.object({ change_status: z.array(CrmActionAnswer).min(1) });
export const CrmUsersAnswer = z.object({ users: z.array(CrmActionAnswer) });

/** `GET /crm/v8/{module}/actions/portal_invite?job_id=`: `data` is null until the job completes. */
export const CrmInviteJobs = z.object({
  portal_invite: z.array(
    z.object({
      job_id: CrmId,
      status: z.string(),
      data: z
        .array(
          z.object({
            details: z.object({ id: CrmId.nullish() }).nullish(),
            code: z.string(),
            message: z.string().nullish(),
            status: z.string().nullish(),
          }),
        )
        .nullish(),
    }),
  ),
});

/** The CRM error envelope `{code, details, message, status: "error"}`. */
export const CrmErrorBody = CrmActionAnswer;
