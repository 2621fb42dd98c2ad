import { useState } from 'preact/hooks';
import { jobItems } from '../../core/db';
import type { Job } from '../../core/model';
import { csvDelimiter, downloadCsv, toCsv } from '../shared/csv';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { exportFileName, jobCsvRows } from './export';
import { JOBS_TEXTS } from './texts';

/** Every item of the job as a CSV file, for the agent's report or a spreadsheet. */
export function ExportJob({ job, targetName }: { job: Job; targetName: string }) {
  const { database } = usePlatform();
  const t = useTexts(JOBS_TEXTS);
  const { locale } = useLocale();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<Said>('');

  async function exportCsv() {
    setError('');
    setMessage('');
    try {
      const items = await jobItems(await database(), job.id);
      downloadCsv(exportFileName(job.action, targetName, job.createdAt), await toCsv(jobCsvRows(items, locale), csvDelimiter(locale)));
      setMessage(t.exported);
    } catch (e) {
      setError(saidOf(e));
    }
  }

  return (
    <div class="job-export">
      <button type="button" onClick={exportCsv}>
        {t.exportCsv}
      </button>
      <span class="job-live" aria-live="polite">
        {message}
      </span>
      {error && (
        <p class="job-error" role="alert">
          {inLocale(error, locale)}
        </p>
      )}
    </div>
  );
}
