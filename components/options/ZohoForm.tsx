import { useEffect, useRef, useState } from 'preact/hooks';
import { ZOHO_SIGN_IN_KEEPALIVE_MS, ZohoDataCenter, type ResultFor } from '../../core/messages';
import type { Vendor } from '../../core/model';
import { useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf } from '../shared/said';
import { Field, focusFirstInvalid, Outcome, type SubmitOutcome } from './Field';
import { OPTIONS_TEXTS, VENDOR_NAMES } from './texts';

type ZohoVendor = Exclude<Vendor, 'zendesk'>;
type DataCenter = (typeof ZohoDataCenter.options)[number];
type SignIn = ResultFor<'zohoSignIn'>;

/** Desk orgIds, CRM org ids and Connect scopeIDs are digits; letters are let through for the odd sandbox id. */
const ORG_ID = /^[A-Za-z0-9._-]{1,200}$/;

/**
 * Zoho Desk, Zoho CRM and Zoho Connect connect alike: the agent chooses the data center and signs
 * in; Portier reads what that sign-in reaches (Desk organizations, the CRM org, Connect networks)
 * and the agent picks one from the list, which connects it with the same sign-in. An id typed by
 * hand stays possible for an agent who has one, under "Connect with an id instead".
 */
export function ZohoForm({ vendor, onConnected, focus = false }: { vendor: ZohoVendor; onConnected: () => void; focus?: boolean }) {
  const t = useTexts(OPTIONS_TEXTS);
  const { ask } = usePlatform();
  const form = useRef<HTMLFormElement>(null);
  const signInButton = useRef<HTMLButtonElement>(null);
  // Sent here from a page of an account not connected: its form is the one to use.
  useEffect(() => {
    if (!focus) return;
    form.current?.scrollIntoView?.({ block: 'start' });
    setTimeout(() => signInButton.current?.focus(), 0);
  }, [focus]);
  const [dataCenter, setDataCenter] = useState<DataCenter>('com');
  const [signIn, setSignIn] = useState<(SignIn & { dataCenter: DataCenter }) | null>(null);
  const [picked, setPicked] = useState('');
  const [orgId, setOrgId] = useState('');
  const [problem, setProblem] = useState<'empty' | 'invalid'>();
  const [busy, setBusy] = useState<'signing-in' | 'connecting' | null>(null);
  const [outcome, setOutcome] = useState<SubmitOutcome>();
  const id = (field: string) => `${vendor}-${field}`;

  // The sign-in button is disabled while it works, which takes the keyboard focus away: once the
  // step is over, the focus goes to what it brought (the list to pick from) or back to the button
  // after a failure. Only when the focus is lost or still in this form, never taken from elsewhere.
  const choices = useRef<HTMLFieldSetElement>(null);
  const focusAfter = useRef<'choices' | 'sign-in' | null>(null);
  useEffect(() => {
    const next = focusAfter.current;
    if (!next || busy !== null) return;
    focusAfter.current = null;
    const at = document.activeElement;
    if (at && at !== document.body && !form.current?.contains(at)) return;
    const target = next === 'choices' ? choices.current?.querySelector<HTMLInputElement>('input:checked') : signInButton.current;
    target?.focus();
  });

  // While the agent picks from the list: the sign-in lives in the background's memory, which the
  // browser stops after 30 s without events. Asking after it keeps it, and says at once when it is
  // gone rather than at the agent's click.
  const pendingId = signIn?.signInId;
  // A connection in flight took the sign-in already: "gone" then means "being used", not "ended".
  const connecting = useRef(false);
  connecting.current = busy === 'connecting';
  useEffect(() => {
    if (!pendingId) return;
    const timer = setInterval(() => {
      if (connecting.current) return;
      ask({ type: 'zohoSignInAlive', signInId: pendingId })
        .then(({ alive }) => {
          if (alive || connecting.current) return;
          clearInterval(timer);
          setSignIn((current) => (current?.signInId === pendingId ? null : current));
          setOutcome({ ok: false, text: (texts) => texts.signInEnded });
        })
        // A background that does not answer now may answer the next time; the click says the rest.
        .catch(() => undefined);
    }, ZOHO_SIGN_IN_KEEPALIVE_MS);
    return () => clearInterval(timer);
  }, [pendingId]);
  const headingId = id('heading');

  async function connect(org: string, signInId?: string) {
    setBusy('connecting');
    setOutcome(undefined);
    try {
      const auth = signInId ? { kind: 'oauth' as const, signInId } : { kind: 'oauth' as const };
      const { account } = await ask({ type: 'connectAccount', account: { vendor, dataCenter, orgId: org, auth } });
      setOutcome({ ok: true, text: (t) => t.connectedNamed(account.label) });
      setSignIn(null);
      onConnected();
    } catch (error) {
      const said = saidOf(error);
      setOutcome({ ok: false, text: (t, locale) => t.connectFailed(inLocale(said, locale)) });
      focusAfter.current = signInId ? 'choices' : 'sign-in';
    } finally {
      setBusy(null);
    }
  }

  async function startSignIn() {
    if (busy) return;
    setBusy('signing-in');
    setOutcome(undefined);
    setSignIn(null);
    try {
      const answer = await ask({ type: 'zohoSignIn', vendor, dataCenter });
      // One org or network: nothing to pick, it is connected at once.
      if (answer.choices.length === 1) {
        setBusy(null);
        await connect(answer.choices[0]!.orgId, answer.signInId);
        return;
      }
      setSignIn({ ...answer, dataCenter });
      setPicked(answer.choices[0]?.orgId ?? '');
      focusAfter.current = 'choices';
      setBusy(null);
    } catch (error) {
      const said = saidOf(error);
      setOutcome({ ok: false, text: (t, locale) => t.connectFailed(inLocale(said, locale)) });
      focusAfter.current = 'sign-in';
      setBusy(null);
    }
  }

  const onSubmitId = async (event: Event) => {
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
    await connect(trimmed);
  };

  const choice = signIn?.choices.find((c) => c.orgId === picked);
  return (
    <section class="connect" aria-labelledby={headingId}>
      <h3 id={headingId}>{VENDOR_NAMES[vendor]}</h3>
      <form ref={form} onSubmit={onSubmitId} aria-busy={busy !== null} aria-labelledby={headingId} noValidate>
        <Field id={id('data-center')} label={t.dataCenter}>
          {(control) => (
            <select
              {...control}
              value={dataCenter}
              onChange={(e) => {
                setDataCenter(ZohoDataCenter.parse(e.currentTarget.value));
                setSignIn(null);
              }}
            >
              {ZohoDataCenter.options.map((dc) => (
                <option key={dc} value={dc}>
                  {t.dataCenters[dc]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p class="field-hint">{t.zohoSignInHint[vendor]}</p>
        <button ref={signInButton} type="button" disabled={busy !== null} onClick={() => void startSignIn()}>
          {busy === 'signing-in' ? t.signingIn : t.signInTo(VENDOR_NAMES[vendor])}
        </button>
        {signIn && signIn.dataCenter === dataCenter && (
          <fieldset class="methods choices" ref={choices}>
            <legend>{t.pickLegend[vendor]}</legend>
            {signIn.choices.map((c) => (
              <div class="method" key={c.orgId}>
                <input type="radio" name={id('choice')} id={id(`choice-${c.orgId}`)} value={c.orgId} checked={picked === c.orgId} onChange={() => setPicked(c.orgId)} />
                <label for={id(`choice-${c.orgId}`)}>{t.choiceLabel(c.name, c.pageName, c.isDefault === true)}</label>
              </div>
            ))}
            <button type="button" class="primary" disabled={busy !== null || !choice} onClick={() => choice && void connect(choice.orgId, signIn.signInId)}>
              {busy === 'connecting' ? t.connecting : t.connectPicked(choice?.name ?? '')}
            </button>
          </fieldset>
        )}
        <details class="by-id" open={problem !== undefined || undefined}>
          <summary>{t.byIdSummary}</summary>
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
          <button type="submit" disabled={busy !== null}>
            {busy === 'connecting' ? t.connecting : t.connect(VENDOR_NAMES[vendor])}
          </button>
        </details>
        <Outcome outcome={outcome} />
      </form>
    </section>
  );
}
