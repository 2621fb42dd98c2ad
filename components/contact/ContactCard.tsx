import type { Contact } from '../../core/model';
import { useTexts } from '../shared/locale';
import { CONTACT_TEXTS } from './texts';

/**
 * The profile header: what the vendor's API says of the record, every value as plain text.
 * `headingId` names it apart when a page shows several people (a ticket's requester and CCs).
 */
export function ContactCard({ contact, headingId = 'pt-contact-name' }: { contact: Contact; headingId?: string }) {
  const t = useTexts(CONTACT_TEXTS);
  const name = contact.name?.trim();
  return (
    <section class="pt-card" aria-labelledby={headingId}>
      <h2 id={headingId} class="pt-card-name">
        {name || t.noName}
      </h2>
      <dl class="pt-fields">
        <dt>{t.email}</dt>
        <dd>
          {contact.email ? <span class="pt-email">{contact.email}</span> : <span class="pt-missing">{t.noEmail}</span>}
          {contact.email && contact.emailVerified !== undefined && (
            <span class={`pt-badge ${contact.emailVerified ? 'pt-tone-ok' : 'pt-tone-warn'}`}>
              {contact.emailVerified ? t.verified : t.notVerified}
            </span>
          )}
        </dd>
        {contact.organization && (
          <>
            <dt>{t.organization}</dt>
            <dd>{contact.organization}</dd>
          </>
        )}
        {contact.phone && (
          <>
            <dt>{t.phone}</dt>
            <dd>{contact.phone}</dd>
          </>
        )}
        {contact.recordState && (
          <>
            <dt>{t.recordState}</dt>
            <dd class={contact.recordState === 'active' ? undefined : 'pt-tone-error'}>{t.states[contact.recordState]}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
