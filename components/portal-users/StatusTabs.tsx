import type { TargetedKeyboardEvent } from 'preact';
import { useRef } from 'preact/hooks';
import { PortalUserStatus } from '../../core/messages';
import { useTexts } from '../shared/locale';
import { PORTAL_USERS_TEXTS } from './texts';

const STATUSES = PortalUserStatus.options;

/** The four lists Zoho CRM keeps per user type, as an ARIA tablist (arrows, Home, End move and select). */
export function StatusTabs(props: { value: PortalUserStatus; panelId: string; idOf(status: PortalUserStatus): string; onChange(status: PortalUserStatus): void }) {
  const t = useTexts(PORTAL_USERS_TEXTS);
  const refs = useRef<Partial<Record<PortalUserStatus, HTMLButtonElement | null>>>({});

  function onKeyDown(event: TargetedKeyboardEvent<HTMLDivElement>) {
    const at = STATUSES.indexOf(props.value);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: STATUSES.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const status = STATUSES[(next + STATUSES.length) % STATUSES.length]!;
    props.onChange(status);
    refs.current[status]?.focus();
  }

  return (
    <div role="tablist" aria-label={t.statuses} class="pu-tabs" onKeyDown={onKeyDown}>
      {STATUSES.map((status) => (
        <button
          key={status}
          ref={(el) => {
            refs.current[status] = el;
          }}
          type="button"
          role="tab"
          id={props.idOf(status)}
          aria-selected={status === props.value}
          aria-controls={props.panelId}
          tabIndex={status === props.value ? 0 : -1}
          onClick={() => props.onChange(status)}
        >
          {t.status[status]}
        </button>
      ))}
    </div>
  );
}
