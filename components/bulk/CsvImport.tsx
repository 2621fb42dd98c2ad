import { useState } from 'preact/hooks';
import { readEmailCsv, type EmailImport } from '../shared/csv';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale, saidOf, type Said } from '../shared/said';
import { CSV_NAME_TEXTS } from './csv-texts';
import { BULK_TEXTS } from './texts';

const SHOWN_BAD_LINES = 20;

/**
 * A CSV of addresses (the Zoho Connect way): read here, judged by the background like any contact.
 * A name column, when there is one, names the people the vendor creates from an address.
 */
export function CsvImport(props: { value: EmailImport | null; onChange(value: EmailImport | null): void }) {
  const t = useTexts(BULK_TEXTS);
  const names = useTexts(CSV_NAME_TEXTS);
  const { locale } = useLocale();
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<Said>('');

  async function onFile(event: Event) {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    props.onChange(null);
    setError('');
    if (!file) return;
    setReading(true);
    try {
      props.onChange(await readEmailCsv(await file.text()));
    } catch (e) {
      setError(saidOf(e));
    } finally {
      setReading(false);
    }
  }

  const value = props.value;
  return (
    <div class="bulk-csv">
      <label>
        {t.csvInput}
        <input type="file" accept=".csv,text/csv" onChange={onFile} />
      </label>
      <div aria-live="polite">
        {reading && <p>{t.csvReading}</p>}
        {value && (
          <p>
            {t.csvRead(value.emails.length, value.column)} {value.duplicates > 0 && t.csvDuplicates(value.duplicates)}
          </p>
        )}
        {value && value.names.length > 0 && <p class="bulk-csv-names">{names.names(value.names.length, value.nameColumn)}</p>}
      </div>
      {value && value.invalid.length > 0 && (
        <div class="bulk-csv-invalid">
          <p>{t.csvInvalid(value.invalid.length)}</p>
          <ul>
            {value.invalid.slice(0, SHOWN_BAD_LINES).map((bad) => (
              <li key={bad.line}>{t.csvLine(bad.line, bad.value)}</li>
            ))}
            {value.invalid.length > SHOWN_BAD_LINES && <li>{t.csvMore(value.invalid.length - SHOWN_BAD_LINES)}</li>}
          </ul>
        </div>
      )}
      {error && (
        <p class="bulk-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
    </div>
  );
}
