import { useEffect, useState } from 'preact/hooks';
import type { Account, Target } from '../../core/model';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf, type Said } from '../shared/said';
import { BULK_TEXTS } from './texts';

/** The account's destinations (listTargets), the account's default preselected. */
export function TargetSelect(props: { account: Account; value: string | undefined; onChange(key: string | undefined): void }) {
  const { ask } = usePlatform();
  const t = useTexts(BULK_TEXTS);
  const { locale } = useLocale();
  const [targets, setTargets] = useState<Target[] | null>(null);
  const [error, setError] = useState<Said>('');

  useEffect(() => {
    let live = true;
    setTargets(null);
    setError('');
    ask({ type: 'listTargets', accountId: props.account.id })
      .then(({ targets: list }) => {
        if (!live) return;
        setTargets(list);
        const preferred = list.find((x) => x.key === props.account.defaultTargetKey) ?? list[0];
        props.onChange(preferred?.key);
      })
      .catch((e: unknown) => live && setError(saidOf(e)));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.account.id]);

  if (error)
    return (
      <p class="bulk-error" role="alert">
        {inLocale(error, locale)}
      </p>
    );
  if (!targets) return <p class="bulk-status">{t.loadingTargets}</p>;
  if (targets.length === 0) return <p class="bulk-status">{t.noTargets}</p>;
  return (
    <label class="bulk-target">
      {t.destination}
      <select value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {targets.map((target) => (
          <option key={target.key} value={target.key}>
            {target.portalName ? `${target.portalName} · ${target.name}` : target.name}
          </option>
        ))}
      </select>
    </label>
  );
}
