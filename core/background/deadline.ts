import { ServiceError } from './errors';

/**
 * The longest one step of a connection may take (a vendor read, a token exchange) before the agent
 * is told why: an agent watching "Connecting…" should hear within seconds, not after the HTTP
 * client's own retries of 30 s each (issue #12).
 */
export const CONNECT_STEP_MS = 10_000;

/** The sign-in window waits for the agent; past this it is given up with words, never left spinning. */
export const AUTHORIZE_MS = 5 * 60_000;

/**
 * `work`, or `late()` thrown once `ms` have passed. What was started goes on in the background and
 * its answer is dropped (a fetch has no caller left); the caller undoes what it wrote, as on any failure.
 */
export async function withinStep<T>(work: Promise<T>, ms: number, late: () => ServiceError): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(late()), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // A step given up may still fail later: that failure has nobody to tell.
    work.catch(() => undefined);
  }
}
