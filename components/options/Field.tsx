import type { ComponentChildren } from 'preact';
import type { Locale } from '../../core/i18n';
import { useLocale, useTexts } from '../shared/locale';
import { OPTIONS_TEXTS, type OptionsTexts } from './texts';

/** What a control needs so its label, hint and error are read with it. */
export interface ControlProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  /** Shown next to the control, and the control is marked invalid while it is set. */
  error?: string | undefined;
  children: (control: ControlProps) => ComponentChildren;
}

/**
 * A label, the control, its hint and its error. The error is not a live region of its own: the
 * form announces how many fields need attention and moves focus to the first, which reads it.
 */
export function Field({ id, label, hint, error, children }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && (
        <p class="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p class="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * What a submit ended with. The text is a function of the texts and the language so that it
 * follows a language change made after the submit (a refusal's own words too: shared/said.ts).
 */
export interface SubmitOutcome {
  ok: boolean;
  text: (t: OptionsTexts, locale: Locale) => string;
}

/**
 * A polite status when it worked, an alert when it did not. Both regions are always in the page:
 * a live region added together with its text is not announced by every screen reader.
 */
export function Outcome({ outcome }: { outcome: SubmitOutcome | undefined }) {
  const t = useTexts(OPTIONS_TEXTS);
  const { locale } = useLocale();
  return (
    <>
      <p class="outcome outcome-ok" role="status" aria-live="polite">
        {outcome?.ok ? outcome.text(t, locale) : ''}
      </p>
      <p class="outcome outcome-error" role="alert">
        {outcome && !outcome.ok ? outcome.text(t, locale) : ''}
      </p>
    </>
  );
}

/** Focuses the first control marked invalid inside `form`, after Preact has rendered the errors. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
  setTimeout(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
