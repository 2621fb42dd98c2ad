import type { Ref } from 'preact';

/**
 * The two states every view that reads from the background goes through before its answer: a
 * busy section, and a failure that says why with a way to try again. One shape for the contact
 * card, the ticket and whatever reads next.
 */
export function Loading({ class: cls, text }: { class: string; text: string }) {
  return (
    <section class={cls} aria-busy="true">
      <p class="pt-loading">{text}</p>
    </section>
  );
}

/** `buttonRef`: the retry button, for the view to give it the focus back when a retry failed again (useRetry). */
export function LoadFailed({
  class: cls,
  title,
  message,
  retryText,
  onRetry,
  buttonRef,
}: {
  class: string;
  title: string;
  message: string;
  retryText: string;
  onRetry: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  return (
    <section class={cls}>
      <div role="alert" class="pt-error">
        <p>
          <strong>{title}</strong>
        </p>
        <p>{message}</p>
      </div>
      <button ref={buttonRef} type="button" class="pt-button" onClick={onRetry}>
        {retryText}
      </button>
    </section>
  );
}
