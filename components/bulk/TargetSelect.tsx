import { useEffect, useRef, useState } from 'preact/hooks';
import type { Account, Target } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { RetryError, useRetry } from '../shared/RetryError';
import { inLocale, saidOf, type Said } from '../shared/said';
import { BULK_TEXTS } from './texts';

/** The account's destinations (listTargets), the account's default preselected; after a failure, a way to ask again. */
export function TargetSelect(props: { account: Account; value: string | undefined; onChange(key: string | undefined): void }) {
  const { ask } = usePlatform();
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [error, setError] = useState<Said>('');
  const selectRef = useRef<HTMLSelectElement>(null);
  const retryRef = useRef<HTMLButtonElement>(null);
  const statusRef = useRef<HTMLParagraphElement>(null);
  // After a retry: focus on the list, the sentence that says there is none, or "Try again" again.
  const { attempt, retry, answered } = useRetry(() => retryRef.current ?? selectRef.current ?? statusRef.current);

  useEffect(() => {
    let live = true;
    setTargets(null);
    setError('');
    ask({ type: 'listTargets', accountId: props.account.id })
      .then(({ targets: list }) => {
        if (!live) return;
        setTargets(list);
        answered(attempt);
        const preferred = list.find((x) => x.key === props.account.defaultTargetKey) ?? list[0];
        props.onChange(preferred?.key);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(saidOf(e));
        answered(attempt);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.account.id, attempt]);

  if (error) return <RetryError class="bulk-error" message={`${t.targetsFailed} ${inLocale(error, locale)}`} retryText={t.retry} onRetry={retry} buttonRef={retryRef} />;
  if (!targets) return <p class="bulk-status">{t.loadingTargets}</p>;
  if (targets.length === 0)
    return (
      <p class="bulk-status" ref={statusRef} tabIndex={-1}>
        {t.noTargets}
      </p>
    );
  return (
    <label class="bulk-target">
      {t.destination}
      <select ref={selectRef} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {targets.map((target) => (
          <option key={target.key} value={target.key}>
            {target.portalName ? `${target.portalName} · ${target.name}` : target.name}
          </option>
        ))}
      </select>
    </label>
  );
}
