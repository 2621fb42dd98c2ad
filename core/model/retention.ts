import * as z from 'zod/mini';

/**
 * How long Portier keeps cached contacts, invitations, history lines and finished jobs, in days
 * since Portier last wrote them. A day at least (a sweep runs once a day), ten years at most: a
 * longer value is a typo, and "forever" is not an offer (PRIVACY.md).
 */
export const RETENTION_DAYS = { default: 90, min: 1, max: 3650 } as const;

export const RetentionDays = z
  .int(`the retention is a whole number of days, from ${RETENTION_DAYS.min} to ${RETENTION_DAYS.max}`)
  .check(
    z.gte(RETENTION_DAYS.min, `keep data at least ${RETENTION_DAYS.min} day`),
    z.lte(RETENTION_DAYS.max, `keep data at most ${RETENTION_DAYS.max} days (ten years)`),
  );
