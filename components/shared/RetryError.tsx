import type { Ref } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A load the agent may run again after it failed. `attempt` goes in the load effect's deps;
 * `retry` asks again; the load calls `answered(attempt)` (the attempt it ran for) when its answer or
 * its failure is set. Once the answer to a retry is shown, focus goes to `focusTarget()` (what
 * replaced the "Try again" button, or that button again), so a keyboard agent does not end up on the
 * page's body. A first load never moves focus.
 */
export function useRetry(focusTarget: () => HTMLElement | null | undefined): { attempt: number; retry(): void; answered(attempt: number): void } {
  const [attempt, setAttempt] = useState(0);
  const [shown, setShown] = useState(0);
  useEffect(() => {
    // Only `shown` moves focus: the target is read afresh then, whatever the render made of it.
    if (shown > 0) focusTarget()?.focus();
  }, [shown]);
  return { attempt, retry: () => setAttempt((n) => n + 1), answered: setShown };
}

/**
 * A failure that says why (`message`, already in the agent's language) with a button to try again
 * beside it: an ordinary button, in the Tab order, not a disabled control with no reason.
 */
export function RetryError(props: { class: string; message: string; retryText: string; onRetry(): void; buttonRef?: Ref<HTMLButtonElement> }) {
  return (
    <div class="pt-retry">
      <p class={props.class} role="alert">
        {props.message}
      </p>
      <button ref={props.buttonRef} type="button" class="pt-button" onClick={props.onRetry}>
        {props.retryText}
      </button>
    </div>
  );
}
