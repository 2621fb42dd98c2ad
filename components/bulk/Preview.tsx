import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ResultFor } from '../../core/messages';
import { useLocale, useTexts } from '../shared/locale';
import { VirtualList } from '../shared/VirtualList';
import { PreviewGroups } from './PreviewGroups';
import { groupOf, previewRows, summarise, verdictText, type PreviewFilter, type PreviewItem, type PreviewRow } from './summary';
import { BULK_TEXTS } from './texts';

/**
 * What the check found, before anything is sent: the selection in three groups that add up to it
 * (will be sent, sent with a warning, will not be sent), and every contact with its verdict. The
 * button says what it sends per action ("Send 44: 39 invite, 4 re-invite, 1 activate"), the same
 * numbers the job's card will show. `selected` is what the agent asked to check; `pageRows`, for
 * a selection read from the list view: how many rows Portier read there, so the agent sees a row
 * the page ticked behind their back. The filter counts what the groups count (the ids and addresses
 * the vendor does not have are rows of the list, under "will not be sent"), so one number is never
 * two on the same screen.
 */
export function Preview(props: {
  result: ResultFor<'evaluate'>;
  selected?: number | undefined;
  pageRows?: number | undefined;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const [filter, setFilter] = useState<PreviewFilter>('all');
  const summaryRef = useRef<HTMLDivElement>(null);
  const items: readonly PreviewItem[] = props.result.items;
  const missing = props.result.missing.length;
  const summary = useMemo(() => summarise(items, missing, props.selected), [items, missing, props.selected]);
  const shown = useMemo(() => previewRows(items, props.result.missing, filter), [items, props.result.missing, filter]);
  const title = (code: keyof typeof REASON_TEXTS) => REASON_TEXTS[code][locale].title;
  // Every reason the check found, for the filter: one per code, most frequent first.
  const reasons = useMemo(() => {
    const byCode = new Map<keyof typeof REASON_TEXTS, number>();
    for (const { code, count } of [...summary.warned.codes, ...summary.plain.notes, ...summary.blocked.codes, ...summary.alreadyMember.codes, ...summary.skipped.codes]) {
      byCode.set(code, (byCode.get(code) ?? 0) + count);
    }
    return [...byCode].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  }, [summary]);

  // The summary takes focus when the preview opens: the Check button the agent pressed is gone, and
  // a lost focus drops them at the top of the panel. Again after a start that failed: its buttons
  // were disabled while it ran, which drops focus too (the failure itself is the panel's alert).
  useEffect(() => {
    if (!props.busy) summaryRef.current?.focus();
  }, [props.busy]);

  return (
    <section class="bulk-preview" aria-label={t.previewList}>
      <div class="bulk-summary" ref={summaryRef} tabIndex={-1}>
        {props.pageRows !== undefined && <p class="bulk-page-rows">{t.pageRows(props.pageRows)}</p>}
        <p class="bulk-total">
          <strong>{t.selectedSplit(summary.selected, summary.toSend, summary.notSent)}</strong>
        </p>
      </div>
      <PreviewGroups summary={summary} />
      <label class="bulk-filter">
        {t.filter}
        <select value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as PreviewFilter)}>
          <option value="all">{t.filterAll(summary.selected)}</option>
          <option value="send">{t.filterSend(summary.plain.count)}</option>
          <option value="warn">{t.filterWarn(summary.warned.count)}</option>
          <option value="not_sent">{t.filterNotSent(summary.notSent)}</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {t.reasonCount(title(r.code), r.count)}
            </option>
          ))}
          {missing > 0 && <option value="not_found">{t.notFound(missing)}</option>}
        </select>
      </label>
      {shown.length > 0 && (
        <VirtualList<PreviewRow>
          items={shown}
          label={t.previewList}
          getKey={(r, i) => (r.kind === 'contact' ? r.item.contactId : `not-found:${i}:${r.ref}`)}
          rowHeight={58}
          height={Math.min(232, shown.length * 58)}
          renderRow={(r) =>
            r.kind === 'contact' ? (
              <div class="row-two-lines" data-group={groupOf(r.item.verdict)}>
                <span class="row-main">{r.item.name || r.item.email || r.item.contactId}</span>
                {r.item.name && r.item.email && <span class="row-sub">{r.item.email}</span>}
                <span class="row-sub bulk-verdict">{verdictText(r.item.verdict, locale)}</span>
              </div>
            ) : (
              <div class="row-two-lines" data-group="skipped">
                <span class="row-main">{r.ref}</span>
                <span class="row-sub bulk-verdict">{t.notFoundRow}</span>
              </div>
            )
          }
        />
      )}
      <div class="bulk-actions">
        <button type="button" class="primary" disabled={props.busy || summary.toSend === 0} onClick={props.onConfirm}>
          {t.send(summary.actions)}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}
