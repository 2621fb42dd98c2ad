import { useEffect, useState } from 'preact/hooks';
import type { ResultFor } from '../../core/messages';
import type { Account, PageRecord } from '../../core/model';
import { lazyView } from '../panel/lazy-view';
import { useLocale, useTexts } from '../shared/locale';
import { inLocale, saidOf, type Said } from '../shared/said';
import { usePlatform } from '../shared/platform';
import { ORGANIZATION_TEXTS } from './texts';

const BulkPanel = lazyView(() => import('../bulk/BulkPanel').then((m) => m.BulkPanel));

type Members = ResultFor<'organizationMembers'>;
type State = { status: 'loading' } | { status: 'failed'; message: Said } | { status: 'ready'; members: Members };

/**
 * An organization page (Zendesk organization, Desk account, CRM Account): "Invite the N members of
 * <org>" hands the members' record ids to the bulk flow, which checks, previews and confirms them
 * like a list view's ticked rows. The ids come from the vendor, read by the background.
 */
export function OrganizationView({ account, page }: { account: Account; page: PageRecord }) {
  const { ask } = usePlatform();
  const t = useTexts(ORGANIZATION_TEXTS);
  const { locale } = useLocale();
  const organizationId = page.context.recordIds[0] ?? '';
  const [state, setState] = useState<State>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [chosen, setChosen] = useState(false);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    setChosen(false);
    ask({ type: 'organizationMembers', accountId: account.id, organizationId }).then(
      (members) => current && setState({ status: 'ready', members }),
      (error: unknown) => current && setState({ status: 'failed', message: saidOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [ask, account.id, organizationId, attempt]);

  if (state.status === 'loading') return <p class="pt-loading" aria-busy="true">{t.loading(account.vendor)}</p>;
  if (state.status === 'failed') {
    return (
      <section class="pt-organization">
        <div role="alert" class="pt-error">
          <p>
            <strong>{t.loadFailed(account.vendor)}</strong>
          </p>
          <p>{inLocale(state.message, locale)}</p>
        </div>
        <button type="button" class="pt-button" onClick={() => setAttempt((n) => n + 1)}>
          {t.retry}
        </button>
      </section>
    );
  }
  const { members } = state;
  const count = members.contactIds.length;
  if (count === 0) {
    return (
      <section class="pt-organization">
        <p role="status" class="pt-hint">
          {t.empty(account.vendor, members.name)}
        </p>
      </section>
    );
  }
  return (
    <section class="pt-organization">
      {members.capped && <p class="pt-hint">{t.capped(members.limit)}</p>}
      {chosen ? (
        // The bulk view replaces the button just pressed: focus goes to its heading, not back to the page's start.
        <BulkPanel
          account={account}
          page={page}
          records={{ label: t.source(count, members.name), contactIds: members.contactIds, module: members.module }}
          focusHeading
        />
      ) : (
        <button type="button" class="pt-button" onClick={() => setChosen(true)}>
          {t.invite(count, members.name, account.vendor)}
        </button>
      )}
    </section>
  );
}
