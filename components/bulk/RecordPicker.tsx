import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Contact } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { RetryError, useRetry } from '../shared/RetryError';
import { inLocale, saidOf, type Said } from '../shared/said';
import { VirtualList } from '../shared/VirtualList';
import { BULK_TEXTS } from './texts';

const PER_PAGE = 100;

/**
 * When the list view's ticks cannot be read, the agent ticks here instead: the account's records,
 * 100 at a time from the vendor (listRecords), in a virtual list with its own checkboxes.
 * Focus never falls to the page: after a first page's "Try again" it goes to the list (or the
 * button again), and when the last "Load more" goes, to the list it filled.
 */
export function RecordPicker(props: { accountId: string; module?: string | undefined; picked: ReadonlySet<string>; onChange(picked: Set<string>): void }) {
  const { ask } = usePlatform();
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const [records, setRecords] = useState<Contact[]>([]);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<Said>('');
  const selectAllRef = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  const listbox = () => box.current?.querySelector<HTMLElement>('[role="listbox"]');
  const firstPage = useRetry(() => retryRef.current ?? listbox() ?? statusRef.current);
  /** "Load more" was pressed: once its page is in, the focus it had must not be left on the page. */
  const focusAfterMore = useRef(false);

  async function load(next: number) {
    setLoading(true);
    setError('');
    try {
      const result = await ask({ type: 'listRecords', accountId: props.accountId, page: next, perPage: PER_PAGE, ...(props.module ? { module: props.module } : {}) });
      setRecords((prev) => {
        const seen = new Set(prev.map((r) => r.id));
        return [...prev, ...result.contacts.filter((c) => !seen.has(c.id))];
      });
      setPage(next);
      setHasMore(result.hasMore);
    } catch (e) {
      setError(saidOf(e));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    setRecords([]);
    setPage(0);
    setHasMore(true);
    const attempt = firstPage.attempt;
    void load(1).then(() => firstPage.answered(attempt));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.accountId, props.module, firstPage.attempt]);

  useLayoutEffect(() => {
    if (!focusAfterMore.current || loading) return;
    focusAfterMore.current = false;
    // Left where the agent put it; else on "Load more" while more is left (or its page failed),
    // and on the list once the last page took the button away.
    const at = document.activeElement;
    if (at && at !== document.body) return;
    (moreRef.current ?? listbox())?.focus();
  });

  function loadMore() {
    focusAfterMore.current = true;
    void load(page + 1);
  }

  const selectedLoaded = records.filter((r) => props.picked.has(r.id)).length;
  const allSelected = records.length > 0 && selectedLoaded === records.length;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selectedLoaded > 0 && !allSelected;
  }, [selectedLoaded, allSelected]);

  function toggle(record: Contact) {
    const next = new Set(props.picked);
    if (next.has(record.id)) next.delete(record.id);
    else next.add(record.id);
    props.onChange(next);
  }

  function toggleAll() {
    const next = new Set(props.picked);
    for (const r of records) {
      if (allSelected) next.delete(r.id);
      else next.add(r.id);
    }
    props.onChange(next);
  }

  return (
    <div class="bulk-picker" ref={box}>
      <label class="bulk-select-all">
        <input ref={selectAllRef} type="checkbox" checked={allSelected} disabled={records.length === 0} onChange={toggleAll} />
        {t.selectAll}
      </label>
      {records.length > 0 && (
        <VirtualList<Contact>
          items={records}
          label={t.records}
          getKey={(r) => r.id}
          rowHeight={44}
          height={220}
          selection={{ isSelected: (r) => props.picked.has(r.id), toggle }}
          renderRow={(r) => (
            <div class="row-two-lines">
              <span class="row-main">{r.name || t.noName}</span>
              <span class="row-sub">{r.email || t.noEmail}</span>
            </div>
          )}
        />
      )}
      <p class="bulk-status" aria-live="polite" ref={statusRef} tabIndex={-1}>
        {loading ? t.recordsLoading : t.pickedCount(selectedLoaded, records.length)}
      </p>
      {error && page === 0 && <RetryError class="bulk-error" message={inLocale(error, locale)} retryText={t.retry} onRetry={firstPage.retry} buttonRef={retryRef} />}
      {error && page > 0 && (
        <p class="bulk-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
      {hasMore && page > 0 && (
        <button ref={moreRef} type="button" disabled={loading} onClick={loadMore}>
          {t.loadMore}
        </button>
      )}
    </div>
  );
}
