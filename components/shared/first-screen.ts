import { useEffect } from 'preact/hooks';
import { usePlatform } from './platform';

/**
 * The side panel's first screen (a contact's verdicts, or whatever the page calls for) comes before
 * anything the page can do later: the database and Dexie's code (100 kB to compile) load once it
 * is painted, not while the panel waits for the background's answer, when the main thread looks
 * idle but the answer is about to need it.
 */

/** Never waited for longer than this: a view that forgets to say it is shown only delays the live parts. */
export const FIRST_SCREEN_WAIT_MS = 2_000;

export interface FirstScreenGate {
  /** Resolves once the first screen is shown, or FIRST_SCREEN_WAIT_MS after the gate was made. */
  readonly passed: Promise<void>;
  shown(): void;
}

export function firstScreenGate(waitMs = FIRST_SCREEN_WAIT_MS): FirstScreenGate {
  let open!: () => void;
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  const timer = setTimeout(open, waitMs);
  return {
    passed,
    shown() {
      clearTimeout(timer);
      open();
    },
  };
}

/** A page the browser does not paint (a hidden panel) runs no animation frame: this long at most. */
export const AFTER_PAINT_MAX_MS = 100;

/**
 * Resolves once the frame being made is painted: an animation frame comes just before the paint,
 * a task queued from it just after. Work that need not be in that frame waits for this rather than
 * share the main thread (and, through messages, the machine) with it.
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, AFTER_PAINT_MAX_MS);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/** Tells the platform, after the frame that shows it, that the page's first screen is up. */
export function useFirstScreenShown(shown: boolean): void {
  const { firstScreenShown } = usePlatform();
  // A plain effect on purpose: Preact runs it after the frame is painted.
  useEffect(() => {
    if (shown) firstScreenShown?.();
  }, [shown, firstScreenShown]);
}
