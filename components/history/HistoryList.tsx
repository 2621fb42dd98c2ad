import './history.css';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StoredEvent } from '../../core/db';
import { detailLine } from '../contact/reasons';
import { useLiveQuery } from '../shared/live-query';
import { useLocale, useTexts } from '../shared/locale';
import { historyPages } from './pages';
import { HISTORY_TEXTS } from './texts';
import { formatDate, formatWhen } from './when';

/**
 * The contact's timeline, newest first, ten at a time; what the engine writes appears as it happens.
 * `headingId` names it apart when a page shows several people's timelines. "Show 10 more" goes once
 * the oldest event is shown: the focus it had goes to the first event it brought, not to the page.
 */
export function HistoryList({ contactKey, headingId = 'pt-history-title' }: { contactKey: string; headingId?: string }) {
  const t = useTexts(HISTORY_TEXTS);
  const [pages, setPages] = useState(1);
  const now = useNow(60_000);
  const loaded = useLiveQuery(async (db) => {
    const page = await historyPages(db, contactKey, pages);
    // Destination names in the same query: the lines and their names change together.
    const keys = [...new Set(page.events.flatMap((e) => (e.targetKey ? [e.targetKey] : [])))];
    const targets = await db.targets.bulkGet(keys);
    const names = new Map(targets.flatMap((target) => (target ? [[target.key, target.name] as const] : [])));
    return { ...page, names, pages };
  }, [contactKey, pages]);
  // While the next page loads, keep what is shown: the list and its button must not blink away.
  const last = useRef(loaded);
  if (loaded) last.current = loaded;
  const shown = loaded ?? last.current;
  const list = useRef<HTMLOListElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  /** The last event shown when "Show 10 more" was pressed; null: no focus to move. */
  const lastBeforeMore = useRef<number | null>(null);

  useLayoutEffect(() => {
    const before = lastBeforeMore.current;
    // Wait for the pages asked for; a page that still has more leaves the focus on its button.
    if (before === null || loaded?.pages !== pages) return;
    lastBeforeMore.current = null;
    const at = document.activeElement;
    if (moreButton.current || (at && at !== document.body)) return;
    const items = [...(list.current?.children ?? [])] as HTMLElement[];
    const index = loaded.events.findIndex((e) => e.id === before);
    ((index >= 0 ? items[index + 1] : undefined) ?? list.current)?.focus();
  });

  function showMore() {
    lastBeforeMore.current = shown?.events.at(-1)?.id ?? null;
    setPages((n) => n + 1);
  }

  return (
    <section class="pt-history" aria-labelledby={headingId} aria-busy={shown === undefined}>
      <h2 id={headingId} class="pt-section-title">
        {t.title}
      </h2>
      {shown === undefined ? (
        <p class="pt-loading">{t.loading}</p>
      ) : shown.events.length === 0 ? (
        <p class="pt-hint">{t.empty}</p>
      ) : (
        <ol class="pt-events" ref={list} tabIndex={-1}>
          {shown.events.map((event) => (
            <EventLine key={event.id} event={event} target={event.targetKey ? shown.names.get(event.targetKey) : undefined} now={now} />
          ))}
        </ol>
      )}
      {shown?.hasMore && (
        <button ref={moreButton} type="button" class="pt-button pt-button--secondary" onClick={showMore}>
          {t.more}
        </button>
      )}
    </section>
  );
}

function EventLine({ event, target, now }: { event: StoredEvent; target: string | undefined; now: Date }) {
  const { locale } = useLocale();
  const t = useTexts(HISTORY_TEXTS);
  return (
    <li class={`pt-event pt-event--${event.type}`} tabIndex={-1}>
      <time dateTime={event.at} title={formatDate(event.at, locale)}>
        {formatWhen(event.at, now, locale)}
      </time>
      <span class="pt-event-what">{t.types[event.type]}</span>
      {target && <span class="pt-event-target">{target}</span>}
      {event.detail && <span class="pt-event-detail">{detailLine(event.detail, locale)}</span>}
    </li>
  );
}

/** The current time, renewed every `ms`, so "2 minutes ago" does not stay "now". */
function useNow(ms: number): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
