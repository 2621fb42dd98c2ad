import { liveLessons } from '../../core/background/lessons';
import type { Account } from '../../core/model';
import { vendorName } from '../panel/texts';
import { useLocale, useTexts } from '../shared/locale';
import { LESSON_TEXTS } from './lesson-texts';
import './lessons.css';

/**
 * What a vendor's refusals taught Portier about the account (core/background/lessons.ts), in
 * words: the setting and what it changes. `since`: only what was learned after it (the panel shows
 * the recent ones; the options page all of them).
 */
export function Lessons({ account, since, headingLevel = 2 }: { account: Account; since?: number; headingLevel?: 2 | 4 }) {
  const t = useTexts(LESSON_TEXTS);
  const { locale } = useLocale();
  const live = liveLessons(account.learned, Date.now());
  const time = (iso: string) => new Date(iso).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const recent = (iso: string | undefined): iso is string => iso !== undefined && (since === undefined || Date.parse(iso) >= since);
  const lines: { key: string; text: string }[] = [];
  if (recent(live.consentRequired)) lines.push({ key: 'consent', text: t.consentRequired(time(live.consentRequired)) });
  for (const [key, seats] of Object.entries(live.seatsFull ?? {})) {
    if (recent(seats.at)) lines.push({ key: `seats:${key}`, text: t.seatsFull(seats.name, time(seats.at)) });
  }
  if (recent(live.bulkImportOff)) lines.push({ key: 'bulk', text: t.bulkImportOff(time(live.bulkImportOff)) });
  if (lines.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h4';
  return (
    <section class="lessons" role="status" aria-label={t.heading(vendorName(account.vendor))}>
      <Heading class="lessons-heading">{t.heading(vendorName(account.vendor))}</Heading>
      <ul>
        {lines.map((line) => (
          <li key={line.key}>{line.text}</li>
        ))}
      </ul>
    </section>
  );
}
