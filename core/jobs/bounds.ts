import type { Vendor } from '../model';

/**
 * Every bound of the engine in one place, named, with why it is what it is. Requests have their
 * own bounds next to the HTTP client (core/vendors/http.ts: READ_ATTEMPTS, READ_THROTTLE_RETRIES,
 * and http-body.ts: MAX_RESPONSE_BYTES).
 */

/**
 * Sends of one item (one batch) before it fails. A send is made again only after the vendor has
 * shown that the previous one did not take effect (a membership read), so this counts proven
 * failures to apply, never guesses.
 */
export const MAX_SENDS_PER_ITEM = 5;

/**
 * A vendor that does not answer (5xx, no answer, after the per-request retries) pauses the
 * account's work with waits that double from OUTAGE_FIRST_WAIT_MS up to OUTAGE_MAX_WAIT_MS (full
 * jitter, so the agents of one company do not all come back at the same instant), and resumes by
 * itself as soon as a call is answered. Nothing fails for an outage, however long.
 */
export const OUTAGE_FIRST_WAIT_MS = 1_000;
export const OUTAGE_MAX_WAIT_MS = 15 * 60_000;

/**
 * How long a vendor job (Zendesk `job_status`, Zoho CRM bulk `portal_invite`) is followed before
 * the batch is reconciled from memberships instead. Zendesk keeps job statuses for one day [DOC
 * NOTES.md §1.3] and a create_many of 100 users completes in seconds to minutes; Zoho documents no
 * bound, and its bulk invite jobs are of the same size. An hour is far past anything seen in
 * practice and far inside Zendesk's retention, so a stuck job is never polled for more than that.
 */
export const VENDOR_JOB_DEADLINE_MS: Readonly<Record<Vendor, number>> = {
  zendesk: 60 * 60_000,
  zoho_crm: 60 * 60_000,
  // Desk and Connect answer synchronously: they never start a vendor job.
  zoho_desk: 60 * 60_000,
  zoho_connect: 60 * 60_000,
};

/**
 * How long after a send its people may still be missing from the vendor's membership read. Zendesk
 * finds people through its search, and "it can take up to a few minutes for new tickets, users,
 * and other resources to be indexed for search" (Zendesk's Search API reference): a user created
 * a minute ago may not be found yet. So a reading that would end an item for good (an unreadable
 * answer, a cancel, the last send) waits this long after the send; sending again is never held
 * back (Zendesk refuses a second user with the same address, which settles it as this job's own).
 * Zoho reads memberships from lists that show a change at once.
 */
export const MEMBERSHIP_LAG_MS: Readonly<Record<Vendor, number>> = {
  zendesk: 3 * 60_000,
  zoho_desk: 0,
  zoho_crm: 0,
  zoho_connect: 0,
};

/**
 * How long a batch that may have been applied waits for a membership read the vendor keeps
 * refusing (a 403 after an admin took a permission away) before its items end "may have been sent":
 * a day, so an admin has time to give the permission back, and a job never waits for ever.
 */
export const HELD_CHECK_LIMIT_MS = 24 * 3_600_000;

/**
 * How long a membership answer stands for "the vendor's state now": within one plan, one job's
 * batches, and the agent's overlapping jobs on the same target. Short, because another agent may
 * invite the same person meanwhile; anything this engine sends clears the answer at once.
 */
export const MEMBERSHIP_REUSE_MS = 30_000;
