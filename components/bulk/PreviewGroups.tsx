import { useId } from 'preact/hooks';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ReasonCode } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import type { CodeCount, PreviewSummary } from './summary';
import { BULK_TEXTS } from './texts';

/**
 * The check's findings in three groups whose counts add up to the selection: will be sent, will be
 * sent with a warning (each warning named), will not be sent (blocked, each reason with its fix;
 * already members; skipped). A contact with two reasons counts once in its group, under each reason.
 */
export function PreviewGroups({ summary }: { summary: PreviewSummary }) {
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const words = (code: ReasonCode) => REASON_TEXTS[code][locale];
  const id = useId();
  const { plain, warned, blocked, alreadyMember, skipped } = summary;
  const codes = (list: CodeCount[], withHelp: boolean) =>
    list.map((c) => (
      <li key={c.code} data-code={c.code}>
        <span class="bulk-reason-title">{t.reasonCount(words(c.code).title, c.count)}</span>
        {withHelp && (
          <span class="bulk-reason-help">
            {' '}
            {t.fixLabel} {words(c.code).help}
          </span>
        )}
      </li>
    ));

  return (
    <div class="bulk-groups">
      <section class="bulk-group" data-group="send" aria-labelledby={`${id}-send`}>
        <h3 id={`${id}-send`}>{t.groupSend(plain.count)}</h3>
        {plain.count > 0 && <p class="bulk-split">{t.actionSplit(plain.actions)}</p>}
        {plain.notes.length > 0 && <ul class="bulk-reasons">{codes(plain.notes, false)}</ul>}
      </section>
      <section class="bulk-group" data-group="warn" aria-labelledby={`${id}-warn`}>
        <h3 id={`${id}-warn`}>{t.groupWarn(warned.count)}</h3>
        {warned.count > 0 && <p class="bulk-split">{t.actionSplit(warned.actions)}</p>}
        {warned.codes.length > 0 && <ul class="bulk-reasons">{codes(warned.codes, true)}</ul>}
      </section>
      <section class="bulk-group" data-group="not_sent" aria-labelledby={`${id}-not-sent`}>
        <h3 id={`${id}-not-sent`}>{t.groupNotSent(summary.notSent)}</h3>
        {blocked.count > 0 && (
          <div data-group="blocked">
            <p class="bulk-subgroup">{t.blocked(blocked.count)}</p>
            <ul class="bulk-reasons">{codes(blocked.codes, true)}</ul>
          </div>
        )}
        {alreadyMember.count > 0 && (
          <div data-group="already_member">
            <p class="bulk-subgroup">{t.alreadyMembers(alreadyMember.count)}</p>
            <ul class="bulk-reasons">{codes(alreadyMember.codes, false)}</ul>
          </div>
        )}
        {skipped.count > 0 && (
          <div data-group="skipped">
            <p class="bulk-subgroup">{t.skipped(skipped.count)}</p>
            <ul class="bulk-reasons">
              {codes(skipped.codes, false)}
              {skipped.notFound > 0 && <li data-code="NOT_FOUND">{t.notFound(skipped.notFound)}</li>}
              {skipped.merged > 0 && <li data-code="SELECTED_TWICE">{t.merged(skipped.merged)}</li>}
            </ul>
          </div>
        )}
      </section>
    </div>
  );
}
