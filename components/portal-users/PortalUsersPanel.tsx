import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PortalUser, PortalUserStatus } from '../../core/messages';
import type { Account, Target } from '../../core/model';
import { RecentJobs } from '../jobs/RecentJobs';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { RetryError, useRetry } from '../shared/RetryError';
import { inLocale, saidOf, type Said } from '../shared/said';
import { VirtualList } from '../shared/VirtualList';
import { PortalUserActions } from './PortalUserActions';
import { StatusTabs } from './StatusTabs';
import { PORTAL_USERS_TEXTS } from './texts';
import './portal-users.css';

/**
 * Zoho CRM portal users of one user type, by status, with the bulk actions the CRM offers on
 * them. The list is the vendor's (listPortalUsers), read again after every action.
 */
export function PortalUsersPanel(props: { account: Account }) {
  const { ask } = usePlatform();
  const t = useTexts(PORTAL_USERS_TEXTS);
  const { locale } = useLocale();
  const baseId = useId();
  const [types, setTypes] = useState<Target[] | null>(null);
  const [typeKey, setTypeKey] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<PortalUserStatus>('active');
  const [users, setUsers] = useState<PortalUser[] | null>(null);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const [error, setError] = useState<Said>('');
  const [typesError, setTypesError] = useState<Said>('');
  const [reload, setReload] = useState(0);
  const selectAllRef = useRef<HTMLInputElement>(null);
  const typeSelectRef = useRef<HTMLSelectElement>(null);
  const noTypesRef = useRef<HTMLParagraphElement>(null);
  const typesRetryRef = useRef<HTMLButtonElement>(null);
  const listRetryRef = useRef<HTMLButtonElement>(null);
  const listStatusRef = useRef<HTMLParagraphElement>(null);
  // After a retry: focus on what replaced "Try again" (or on it again).
  const typesLoad = useRetry(() => typesRetryRef.current ?? typeSelectRef.current ?? noTypesRef.current);
  const listLoad = useRetry(() => listRetryRef.current ?? selectAllRef.current ?? listStatusRef.current);
  /** Set by an action that reloads the list: the ticks to keep (those it did not get to), and the list stays shown meanwhile. */
  const keepAfterAction = useRef<Set<string> | null>(null);

  useEffect(() => {
    let live = true;
    setTypes(null);
    setTypesError('');
    ask({ type: 'listTargets', accountId: props.account.id })
      .then(({ targets }) => {
        if (!live) return;
        const portalTypes = targets.filter((x) => x.kind === 'zoho_crm.portal');
        setTypes(portalTypes);
        setTypeKey((portalTypes.find((x) => x.key === props.account.defaultTargetKey) ?? portalTypes[0])?.key);
        typesLoad.answered(typesLoad.attempt);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setTypesError(saidOf(e));
        typesLoad.answered(typesLoad.attempt);
      });
    return () => {
      live = false;
    };
  }, [ask, props.account.id, props.account.defaultTargetKey, typesLoad.attempt]);

  useEffect(() => {
    if (!typeKey) return;
    let live = true;
    const keep = keepAfterAction.current;
    keepAfterAction.current = null;
    if (!keep) setUsers(null);
    setTicked(keep ?? new Set());
    setError('');
    ask({ type: 'listPortalUsers', accountId: props.account.id, targetKey: typeKey, status })
      .then((result) => {
        if (!live) return;
        setUsers(result.users);
        listLoad.answered(listLoad.attempt);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(saidOf(e));
        setUsers([]);
        listLoad.answered(listLoad.attempt);
      });
    return () => {
      live = false;
    };
  }, [ask, props.account.id, typeKey, status, reload, listLoad.attempt]);

  /** An action ended: reload the list when it changed something, keeping ticked those it did not get to. */
  function afterAction(left: string[], changed: boolean) {
    if (!changed) {
      setTicked(new Set(left));
      return;
    }
    keepAfterAction.current = new Set(left);
    setReload((n) => n + 1);
  }

  const list = users ?? [];
  const selected = list.filter((u) => ticked.has(u.personalityId));
  const allTicked = list.length > 0 && selected.length === list.length;
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = selected.length > 0 && !allTicked;
  }, [selected.length, allTicked]);

  function toggle(user: PortalUser) {
    setTicked((prev) => {
      const next = new Set(prev);
      if (next.has(user.personalityId)) next.delete(user.personalityId);
      else next.add(user.personalityId);
      return next;
    });
  }

  const type = types?.find((x) => x.key === typeKey);
  // A transfer stays within the portal: the other user types of the same portal.
  const siblings = (types ?? []).filter((x) => x.key !== typeKey && x.portalName === type?.portalName);
  const tabId = (s: PortalUserStatus) => `${baseId}-tab-${s}`;
  const panelId = `${baseId}-panel`;

  return (
    <section class="portal-users" aria-labelledby={`${baseId}-heading`}>
      <h2 id={`${baseId}-heading`}>{t.heading}</h2>
      {types === null && !typesError && <p class="pu-status">{t.loadingTypes}</p>}
      {typesError && (
        <RetryError
          class="pu-error"
          message={`${t.typesFailed} ${inLocale(typesError, locale)}`}
          retryText={t.retry}
          onRetry={typesLoad.retry}
          buttonRef={typesRetryRef}
        />
      )}
      {types?.length === 0 && (
        <p class="pu-status" ref={noTypesRef} tabIndex={-1}>
          {t.noTypes}
        </p>
      )}
      {types && types.length > 0 && (
        <label class="pu-type">
          {t.userType}
          <select ref={typeSelectRef} value={typeKey} onChange={(e) => setTypeKey((e.currentTarget as HTMLSelectElement).value)}>
            {types.map((x) => (
              <option key={x.key} value={x.key}>
                {x.portalName ? `${x.portalName} · ${x.name}` : x.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {typeKey && (
        <>
          <StatusTabs value={status} panelId={panelId} idOf={tabId} onChange={setStatus} />
          <div role="tabpanel" id={panelId} aria-labelledby={tabId(status)} class="pu-panel">
            {users === null ? (
              <p class="pu-status">{t.loading}</p>
            ) : list.length === 0 ? (
              !error && (
                <p class="pu-status" ref={listStatusRef} tabIndex={-1}>
                  {t.none}
                </p>
              )
            ) : (
              <>
                <label class="pu-select-all">
                  <input
                    ref={selectAllRef}
                    type="checkbox"
                    checked={allTicked}
                    onChange={() => setTicked(allTicked ? new Set() : new Set(list.map((u) => u.personalityId)))}
                  />
                  {t.selectAll}
                </label>
                <VirtualList<PortalUser>
                  items={list}
                  label={t.list}
                  getKey={(u) => u.personalityId}
                  rowHeight={44}
                  height={Math.min(220, list.length * 44)}
                  selection={{ isSelected: (u) => ticked.has(u.personalityId), toggle }}
                  renderRow={(u) => (
                    <div class="row-two-lines">
                      <span class="row-main">{u.name || u.email || t.noEmail}</span>
                      {u.name && <span class="row-sub">{u.email}</span>}
                    </div>
                  )}
                />
                <p class="pu-status" aria-live="polite">
                  {t.selected(selected.length, list.length)}
                </p>
              </>
            )}
            {error && (
              <RetryError
                class="pu-error"
                message={`${t.listFailed} ${inLocale(error, locale)}`}
                retryText={t.retry}
                onRetry={listLoad.retry}
                buttonRef={listRetryRef}
              />
            )}
            {typeKey && (
              <PortalUserActions
                accountId={props.account.id}
                targetKey={typeKey}
                status={status}
                typeName={type?.name ?? typeKey}
                selected={selected}
                siblings={siblings}
                onDone={afterAction}
              />
            )}
          </div>
        </>
      )}
      {/* Re-invitations are jobs: their progress is here, as on the list view. */}
      <RecentJobs accountId={props.account.id} limit={5} />
    </section>
  );
}
