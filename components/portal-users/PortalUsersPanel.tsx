import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { PortalUser, PortalUserStatus } from '../../core/messages';
import type { Account, Target } from '../../core/model';
import { RecentJobs } from '../jobs/RecentJobs';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
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
  const [reload, setReload] = useState(0);
  const selectAllRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    setTypes(null);
    ask({ type: 'listTargets', accountId: props.account.id })
      .then(({ targets }) => {
        if (!live) return;
        const portalTypes = targets.filter((x) => x.kind === 'zoho_crm.portal');
        setTypes(portalTypes);
        setTypeKey((portalTypes.find((x) => x.key === props.account.defaultTargetKey) ?? portalTypes[0])?.key);
      })
      .catch((e: unknown) => live && setError(saidOf(e)));
    return () => {
      live = false;
    };
  }, [ask, props.account.id, props.account.defaultTargetKey]);

  useEffect(() => {
    if (!typeKey) return;
    let live = true;
    setUsers(null);
    setTicked(new Set());
    setError('');
    ask({ type: 'listPortalUsers', accountId: props.account.id, targetKey: typeKey, status })
      .then((result) => live && setUsers(result.users))
      .catch((e: unknown) => {
        if (!live) return;
        setError(saidOf(e));
        setUsers([]);
      });
    return () => {
      live = false;
    };
  }, [ask, props.account.id, typeKey, status, reload]);

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
      {types === null && !error && <p class="pu-status">{t.loadingTypes}</p>}
      {types?.length === 0 && <p class="pu-status">{t.noTypes}</p>}
      {types && types.length > 0 && (
        <label class="pu-type">
          {t.userType}
          <select value={typeKey} onChange={(e) => setTypeKey((e.currentTarget as HTMLSelectElement).value)}>
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
              !error && <p class="pu-status">{t.none}</p>
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
              <p class="pu-error" role="alert">
                {inLocale(error, locale)}
              </p>
            )}
            {typeKey && (
              <PortalUserActions
                accountId={props.account.id}
                targetKey={typeKey}
                status={status}
                typeName={type?.name ?? typeKey}
                selected={selected}
                siblings={siblings}
                onDone={() => setReload((n) => n + 1)}
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
