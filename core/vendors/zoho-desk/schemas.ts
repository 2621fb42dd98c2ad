import { z } from '../../zod';
import type { Membership } from '../types';

/**
 * Zoho Desk answers as Portier reads them (vendor-specs/zoho-desk: Helpcenter.json, Contact.json,
 * Search.json, ResponseHelpCenterUser.json, MassActionResponse.json, Common.json). Only the fields
 * Portier uses are declared; the rest of each object passes unread. Fields the spec marks nullable
 * are `nullish` here, so a null never fails a parse that an absent field would pass.
 */

/** Desk ids are 64-bit integers; the spec allows a string or a number, Zoho sends strings. */
export const DeskId = z.union([z.string().min(1), z.number().int()]).transform(String);

export const DeskHelpCenter = z.object({
  id: DeskId,
  name: z.string().nullish(),
  /** ACTIVE | DISABLED (Helpcenter.json); anything else is read as "not known". */
  status: z.string().nullish(),
  url: z.string().nullish(),
  isDefault: z.boolean().nullish(),
});
export type DeskHelpCenter = z.infer<typeof DeskHelpCenter>;

/**
 * A list's `data`: Helpcenter.json (helpcenterListViewResponse), Contact.json (`#/components/schemas/data`,
 * `dataWithMappingInfo`) and Search.json (searchContactsData) all type it ["array","null"]. A null
 * (an organisation with no help centers, an account with no contacts) is read as an empty list;
 * an answer without `data` (required in all three) is still not the documented shape.
 */
const listData = <T extends z.ZodType>(item: T) => z.array(item).nullable().transform((rows) => rows ?? []);

/** `GET /api/v1/helpCenters` */
export const DeskHelpCenterList = z.object({ data: listData(DeskHelpCenter) });

export const DeskContact = z.object({
  id: DeskId,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
  mobile: z.string().nullish(),
  isDeleted: z.boolean().nullish(),
  /** Desk's recycle bin. */
  isTrashed: z.boolean().nullish(),
  // isEndUser is not declared: Portier never reads it, and the vendor's own 200 examples send it
  // as the string "false" (Search.json searchContactsResponse, Contact.json
  // contactListViewArrayWithMappingInfo) where the schemas say boolean.
});
export type DeskContact = z.infer<typeof DeskContact>;

/** `GET /api/v1/contacts` (listViewObject) and `GET /api/v1/contacts/search` (`{data, count}`). */
export const DeskContactList = z.object({ data: listData(DeskContact) });

/** `GET /api/v1/tickets/{ticketId}` (Ticket.json getTicket): who the ticket names. */
export const DeskTicket = z.object({
  id: DeskId,
  subject: z.string().nullish(),
  /** The number agents know the ticket by (#101), not its id (Ticket.json: string or integer). */
  ticketNumber: z.union([z.string(), z.number()]).nullish(),
  contactId: DeskId.nullish(),
  secondaryContacts: z.array(DeskId).nullish(),
  /** With `include=contacts`: absent when the contact is gone. */
  contact: z.object({ id: DeskId.nullish() }).nullish(),
});

/** `GET /api/v1/accounts/{accountId}` (Account.json getAccount). */
export const DeskAccount = z.object({ id: DeskId, accountName: z.string().nullish() });

/** `GET /api/v1/contacts/{id}/helpCenters` (listHelpCenters): the contact's user in each help center. */
export const DeskContactHelpCenters = z.object({
  data: z
    .array(
      z.object({
        helpCenter: z.object({ id: DeskId, status: z.string().nullish() }).nullable(),
        /** A free string in the spec; ACTIVE and DISABLED are documented, the sandbox adds INVITED. */
        userStatus: z.string().nullish(),
        userId: DeskId.nullish(),
      }),
    )
    .nullable(),
});

/** `POST /api/v1/contacts/inviteAsEndUser` (massActionListResponse): one result per contact id. */
export const DeskMassActionResults = z.object({
  results: z.array(
    z.object({
      success: z.boolean(),
      id: DeskId,
      /** MassActionError.json was not copied (SOURCES.md D4); the example shows {errorCode, httpCode}. */
      errors: z
        .object({ errorCode: z.string().nullish(), httpCode: z.union([z.string(), z.number()]).nullish() })
        .nullish(),
    }),
  ),
});

/** Common.json errorJson: `{errorCode, message}`, plus `errors[]` on INVALID_DATA and 422s. */
export const DeskErrorBody = z.object({
  errorCode: z.string().nullish(),
  message: z.string().nullish(),
  errors: z
    .array(
      z.object({
        fieldName: z.string().nullish(),
        errorType: z.string().nullish(),
        errorMessage: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type DeskErrorBody = z.infer<typeof DeskErrorBody>;

/**
 * A help-center user's status as RULES.md memberships. ACTIVE and DISABLED are documented; the
 * status of a pending invitation is not (the sandbox says INVITED [UNCONFIRMED]), so any word of
 * invitation reads as `invited`, DELETED as no user, and anything else as a user whose state is not
 * known: `confirmed`, which never lets Portier invite the person a second time. No date: Desk does
 * not say when an invitation was sent, so a re-invite whose answer is lost cannot be told from one
 * that never left, and is not sent again (core/jobs/outcomes.ts afterUncertainSend).
 */
export function deskMembership(userStatus: string | null | undefined): Membership | undefined {
  const status = (userStatus ?? '').trim().toUpperCase();
  if (status === 'ACTIVE') return { status: 'active' };
  if (status === 'DISABLED') return { status: 'deactivated' };
  if (status === 'DELETED') return undefined;
  if (/INVITE|PENDING|UNCONFIRM|AWAIT/.test(status)) return { status: 'invited' };
  return { status: 'confirmed' };
}
