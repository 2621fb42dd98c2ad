import { useRef, useState } from 'preact/hooks';
import { ZohoDataCenter } from '../../core/messages';
import type { Vendor } from '../../core/model';
import { useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { errorMessage, Field, focusFirstInvalid, Outcome, type SubmitOutcome } from './Field';
import { OPTIONS_TEXTS, VENDOR_NAMES } from './texts';

type ZohoVendor = Exclude<Vendor, 'zendesk'>;
type DataCenter = (typeof ZohoDataCenter.options)[number];

/** Desk orgIds, CRM org ids and Connect scopeIDs are digits; letters are let through for the odd sandbox id. */
const ORG_ID = /^[A-Za-z0-9._-]{1,200}$/;

/** Zoho Desk, Zoho CRM and Zoho Connect connect alike: a data center, the org's id, OAuth. */
export function ZohoForm({ vendor, onConnected }: { vendor: ZohoVendor; onConnected: () => void }) {
  const t = useTexts(OPTIONS_TEXTS);
  const { ask } = usePlatform();
  const form = useRef<HTMLFormElement>(null);
  const [dataCenter, setDataCenter] = useState<DataCenter>('com');
  const [orgId, setOrgId] = useState('');
  const [problem, setProblem] = useState<'empty' | 'invalid'>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome>();
  const id = (field: string) => `${vendor}-${field}`;
  const headingId = id('heading');

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = orgId.trim();
    const found = trimmed === '' ? 'empty' : ORG_ID.test(trimmed) ? undefined : 'invalid';
    setProblem(found);
    if (found) {
      setOutcome({ ok: false, text: (t) => t.fixFields(1) });
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const { account } = await ask({ type: 'connectAccount', account: { vendor, dataCenter, orgId: trimmed, auth: { kind: 'oauth' } } });
      setOutcome({ ok: true, text: (t) => t.connectedNamed(account.label) });
      onConnected();
    } catch (error) {
      const message = errorMessage(error);
      setOutcome({ ok: false, text: (t) => t.connectFailed(message) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="connect" aria-labelledby={headingId}>
      <h3 id={headingId}>{VENDOR_NAMES[vendor]}</h3>
      <form ref={form} onSubmit={onSubmit} aria-busy={busy} aria-labelledby={headingId} noValidate>
        <Field id={id('data-center')} label={t.dataCenter}>
          {(control) => (
            <select {...control} value={dataCenter} onChange={(e) => setDataCenter(ZohoDataCenter.parse(e.currentTarget.value))}>
              {ZohoDataCenter.options.map((dc) => (
                <option key={dc} value={dc}>
                  {t.dataCenters[dc]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={id('org-id')}
          label={t.orgIdLabels[vendor]}
          hint={t.orgIdHints[vendor]}
          error={problem && (problem === 'empty' ? t.orgIdEmpty : t.orgIdInvalid)}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={orgId}
              onInput={(e) => {
                setOrgId(e.currentTarget.value);
                setProblem(undefined);
              }}
            />
          )}
        </Field>
        <p class="field-hint">{t.zohoOauth}</p>
        <button type="submit" disabled={busy}>
          {busy ? t.connecting : t.connect(VENDOR_NAMES[vendor])}
        </button>
        <Outcome outcome={outcome} />
      </form>
    </section>
  );
}
