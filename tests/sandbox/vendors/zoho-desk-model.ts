/**
 * Zoho Desk objects as the API shows them (Contact.json contactResponse / listViewObject,
 * Helpcenter.json helpcenterDefaultResponse) and its error envelope (Common.json errorJson,
 * NOTES.md §2.4).
 */
import type { DeskContact, DeskHelpCenter, DeskOrg } from '../model';
import { ZOHO_HOSTS } from '../hosts';
import type { SandboxState } from '../state';
import { json } from './http';
import type { ZohoAuthVars } from './zoho-auth';

export type DeskVars = ZohoAuthVars & { org: DeskOrg };

export function deskError(status: number, errorCode: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return json({ errorCode, message, ...extra }, status, headers);
}

export interface FieldError {
  fieldName: string;
  errorType: 'invalid' | 'duplicate' | 'missing';
  errorMessage: string;
}

/** 422 with `errors[]` (Common.json invalidDataErrorResponse): INVALID_DATA for bad input. */
export const invalidData = (errors: FieldError[]) =>
  deskError(422, 'INVALID_DATA', 'The data does not comply to the validation restrictions defined.', { errors });

/**
 * 422 for an invitation Desk refuses (already a user, no email, unverified profile). The
 * messages are [UNCONFIRMED] (NOTES.md §2.1); the envelope is the spec's 422.
 */
export const unprocessable = (errors: FieldError[]) =>
  deskError(422, 'UNPROCESSABLE_ENTITY', 'The request cannot be processed.', { errors });

/**
 * A `from` outside the list's bounds: Common.json unprocessableEntityErrorResponse, whose example is
 * this very refusal. Contact lists count from 1 (core/vendors/zoho-desk/tickets.ts DESK_LIST_FIRST),
 * so `from=0` is refused there rather than read as the first row.
 */
export const fromInvalid = () => deskError(422, 'UNPROCESSABLE_ENTITY', "The value passed for the 'from' query parameter is invalid.");

/** Desk answers a scope the token lacks with SCOPE_MISMATCH [status UNCONFIRMED]. */
export const scopeMismatch = () => deskError(401, 'SCOPE_MISMATCH', 'The OAuth token does not have the scope required for this operation.');

export const FORBIDDEN = () => deskError(403, 'FORBIDDEN', 'You are not authorized to access this resource.');
export const URL_NOT_FOUND = () => deskError(404, 'URL_NOT_FOUND', 'The URL you requested could not be found.');

export function serializeHelpCenter(state: SandboxState, hc: DeskHelpCenter) {
  return {
    id: hc.id,
    name: hc.name,
    url: `${state.origin(ZOHO_HOSTS.desk)}${hc.url}`,
    isDefault: hc.isDefault,
    status: hc.status,
    departmentIds: hc.departmentIds,
    primaryLocale: hc.primaryLocale,
    locales: hc.locales,
    helpCenterLocales: hc.locales.map((locale) => ({
      locale,
      name: locale === 'fr' ? 'Français' : 'English',
      status: 'ACCESIBLE_IN_HELPCENTER',
      type: locale === hc.primaryLocale ? 'DEFAULT' : 'OTHER',
    })),
    logoUrl: null,
    isMultilingualEnabled: hc.locales.length > 1,
    isEncodedPermalinkAllowed: false,
  };
}

/** A contact is an end user once it has a help-centre user, active or disabled (not merely invited). */
export function isEndUser(contact: DeskContact): boolean {
  return contact.helpCenters.some((m) => m.userStatus !== 'INVITED');
}

function common(contact: DeskContact) {
  return {
    id: contact.id,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    secondaryEmail: contact.secondaryEmail,
    phone: contact.phone,
    mobile: contact.mobile,
    accountId: contact.accountId,
    ownerId: contact.ownerId,
    type: contact.type,
  };
}

/** The contact's page in the agent app (tests/sandbox/pages serves it): `/agent/{portal}/{department}/contacts/details/{id}`. */
function webUrl(state: SandboxState, org: DeskOrg, contact: DeskContact): string {
  return `${state.origin(ZOHO_HOSTS.desk)}/agent/${org.portalName}/${departmentSlug(org.departments[0]?.name ?? 'all')}/contacts/details/${contact.id}`;
}

/** "Customer Support" → `customer-support`, as department names appear in agent URLs. */
export function departmentSlug(name: string): string {
  return name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const happiness = { badPercentage: '0', okPercentage: '0', goodPercentage: '0' };

/** An item of GET /api/v1/contacts (listViewObject). */
export function serializeContactListItem(state: SandboxState, org: DeskOrg, contact: DeskContact) {
  return {
    ...common(contact),
    photoURL: null,
    isAnonymous: contact.isAnonymous,
    accountCount: contact.accountId ? '1' : '0',
    webUrl: webUrl(state, org, contact),
    createdTime: contact.createdTime,
    isEndUser: isEndUser(contact),
    zohoCRMContact: null,
    customerHappiness: happiness,
    isSpam: contact.isSpam,
  };
}

/**
 * An item of GET /api/v1/contacts/search (Search.json searchContactResponseFields) as the spec's
 * own 200 example shows it: `isEndUser` is the string "true" or "false" there, though the schema says
 * boolean, and `account` comes with the contact's account.
 */
export function serializeSearchContact(state: SandboxState, org: DeskOrg, contact: DeskContact) {
  const account = contact.accountId ? org.accounts.find((a) => a.id === contact.accountId) : undefined;
  return {
    ...common(contact),
    modifiedTime: contact.modifiedTime,
    createdTime: contact.createdTime,
    country: null,
    city: null,
    description: null,
    title: null,
    photoURL: null,
    twitter: null,
    facebook: null,
    street: null,
    state: null,
    zip: null,
    isEndUser: String(isEndUser(contact)),
    zohoCRMContact: null,
    customerHappiness: happiness,
    cf: {},
    webUrl: webUrl(state, org, contact),
    ...(account ? { account: { website: account.website, accountName: account.accountName, id: account.id } } : {}),
  };
}

/** GET /api/v1/contacts/{contactId} (contactResponse). */
export function serializeContact(state: SandboxState, org: DeskOrg, contact: DeskContact, include: string[]) {
  return {
    ...common(contact),
    description: null,
    cf: {},
    customFields: {},
    city: null,
    country: null,
    state: null,
    street: null,
    zip: null,
    title: null,
    twitter: null,
    facebook: null,
    accountCount: contact.accountId ? '1' : '0',
    createdTime: contact.createdTime,
    modifiedTime: contact.modifiedTime,
    customerHappiness: happiness,
    isAnonymous: contact.isAnonymous,
    isDeleted: contact.isDeleted,
    isEndUser: isEndUser(contact),
    isFollowing: false,
    isSpam: contact.isSpam,
    isTrashed: contact.isTrashed,
    layoutDetails: { id: '4600000000000000001', layoutName: 'Standard' },
    layoutId: '4600000000000000001',
    photoURL: null,
    webUrl: webUrl(state, org, contact),
    zohoCRMContact: null,
    ...(include.includes('owner') ? { owner: null } : {}),
    ...(include.includes('accounts') ? { account: null } : {}),
  };
}
