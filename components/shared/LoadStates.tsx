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

export function LoadFailed({ class: cls, title, message, retryText, onRetry }: { class: string; title: string; message: string; retryText: string; onRetry: () => void }) {
  return (
    <section class={cls}>
      <div role="alert" class="pt-error">
        <p>
          <strong>{title}</strong>
        </p>
        <p>{message}</p>
      </div>
      <button type="button" class="pt-button" onClick={onRetry}>
        {retryText}
      </button>
    </section>
  );
}
