import { useMemo, useState } from 'preact/hooks';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ResultFor } from '../../core/messages';
import { useLocale, useTexts } from '../shared/locale';
import { VirtualList } from '../shared/VirtualList';
import { applyFilter, summarise, verdictText, type PreviewFilter, type PreviewItem } from './summary';
import { BULK_TEXTS } from './texts';

/**
 * What the check found, before anything is sent: how many can be invited, how many stop on each
 * reason, and every contact with its verdict. "Invite N" says exactly how many will be sent.
 * `pageRows`, for a selection read from the list view: how many rows Portier read there, so the
 * agent sees a row the page ticked behind their back.
 */
export function Preview(props: { result: ResultFor<'evaluate'>; pageRows?: number | undefined; busy: boolean; onConfirm(): void; onCancel(): void }) {
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const [filter, setFilter] = useState<PreviewFilter>('all');
  const items: readonly PreviewItem[] = props.result.items;
  const summary = useMemo(() => summarise(items), [items]);
  const shown = useMemo(() => applyFilter(items, filter), [items, filter]);
  const title = (code: keyof typeof REASON_TEXTS) => REASON_TEXTS[code][locale].title;

  return (
    <section class="bulk-preview" aria-label={t.previewList}>
      {props.pageRows !== undefined && <p class="bulk-page-rows">{t.pageRows(props.pageRows)}</p>}
      <p class="bulk-eligible">
        <strong>{t.eligible(summary.eligible)}</strong>
      </p>
      {summary.reasons.length > 0 && (
        <>
          <h3>{t.reasonsHeading}</h3>
          <ul class="bulk-reasons">
            {summary.reasons.map((r) => (
              <li key={r.code}>{t.reasonCount(title(r.code), r.count)}</li>
            ))}
          </ul>
        </>
      )}
      <label class="bulk-filter">
        {t.filter}
        <select value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as PreviewFilter)}>
          <option value="all">{t.filterAll(items.length)}</option>
          <option value="eligible">{t.filterEligible(summary.eligible)}</option>
          {summary.reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {t.reasonCount(title(r.code), r.count)}
            </option>
          ))}
        </select>
      </label>
      {shown.length > 0 && (
        <VirtualList<PreviewItem>
          items={shown}
          label={t.previewList}
          getKey={(i) => i.contactId}
          rowHeight={58}
          height={Math.min(232, shown.length * 58)}
          renderRow={(i) => (
            <div class="row-two-lines" data-eligible={i.verdict.eligible ? '' : undefined}>
              <span class="row-main">{i.name || i.email || i.contactId}</span>
              {i.name && i.email && <span class="row-sub">{i.email}</span>}
              <span class="row-sub bulk-verdict">{verdictText(i.verdict, locale)}</span>
            </div>
          )}
        />
      )}
      {props.result.missing.length > 0 && (
        <details class="bulk-missing">
          <summary>{t.missingHeading(props.result.missing.length)}</summary>
          <VirtualList<string>
            items={props.result.missing}
            label={t.missingList}
            getKey={(m, i) => `${i}:${m}`}
            rowHeight={28}
            height={Math.min(140, props.result.missing.length * 28)}
            renderRow={(m) => <span class="row-main">{m}</span>}
          />
        </details>
      )}
      <div class="bulk-actions">
        <button type="button" class="primary" disabled={props.busy || summary.eligible === 0} onClick={props.onConfirm}>
          {t.invite(summary.eligible)}
        </button>
        <button type="button" disabled={props.busy} onClick={props.onCancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}
