import { useEffect, useRef, useState } from 'preact/hooks';
import * as z from 'zod/mini';
import type { ConnectAccount } from '../../core/messages';
import type { Account } from '../../core/model';
import { useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inLocale, saidOf } from '../shared/said';
import { Field, focusFirstInvalid, Outcome, type SubmitOutcome } from './Field';
import { zendeskSubdomain, type SubdomainProblem } from './subdomain';
import { OPTIONS_TEXTS, VENDOR_NAMES } from './texts';

type Method = Account['authKind'];
type ZendeskAuth = Extract<ConnectAccount, { vendor: 'zendesk' }>['auth'];
const METHODS: readonly Method[] = ['session', 'oauth', 'api_token'];
/** The receiver's own check, so the form refuses nothing the background would accept. */
const Email = z.email();

/**
 * Set by "Reconnect" on an API-token account (the token is never given back, so it is asked
 * again), or by the panel sending the agent here from a page of an account not connected.
 */
export interface ZendeskPrefill {
  subdomain: string;
  /** The method to offer; an API token when absent (a reconnect). */
  method?: Method;
  /** Changes on every request, so asking twice for the same account fills the form twice. */
  nonce: number;
}

interface Errors {
  subdomain?: SubdomainProblem;
  email?: true;
  token?: true;
}

export function ZendeskForm({ prefill, onConnected }: { prefill?: ZendeskPrefill | undefined; onConnected: () => void }) {
  const t = useTexts(OPTIONS_TEXTS);
  const { ask } = usePlatform();
  const form = useRef<HTMLFormElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [subdomain, setSubdomain] = useState('');
  const [method, setMethod] = useState<Method>('session');
  const [email, setEmail] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<SubmitOutcome>();

  useEffect(() => {
    if (!prefill) return;
    const method = prefill.method ?? 'api_token';
    setSubdomain(prefill.subdomain);
    setMethod(method);
    setToken('');
    setErrors({});
    setOutcome(undefined);
    form.current?.scrollIntoView?.({ block: 'start' });
    setTimeout(() => (method === 'api_token' ? emailInput.current : submitButton.current)?.focus(), 0);
  }, [prefill?.nonce]);

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const found: Errors = {};
    const reduced = zendeskSubdomain(subdomain);
    if (!reduced.ok) found.subdomain = reduced.problem;
    if (method === 'api_token') {
      if (!Email.safeParse(email.trim()).success) found.email = true;
      if (token.trim() === '') found.token = true;
    }
    setErrors(found);
    const count = Object.keys(found).length;
    if (count > 0 || !reduced.ok) {
      setOutcome({ ok: false, text: (t) => t.fixFields(count) });
      focusFirstInvalid(form.current);
      return;
    }
    // Show what will be connected: "https://acme.zendesk.com/agent" becomes "acme".
    setSubdomain(reduced.subdomain);
    const auth: ZendeskAuth =
      method === 'api_token' ? { kind: 'api_token', email: email.trim(), token: token.trim() } : { kind: method };
    setBusy(true);
    setOutcome(undefined);
    try {
      const { account } = await ask({ type: 'connectAccount', account: { vendor: 'zendesk', subdomain: reduced.subdomain, auth } });
      setToken('');
      setOutcome({ ok: true, text: (t) => t.connectedNamed(account.label) });
      onConnected();
    } catch (error) {
      const said = saidOf(error);
      setOutcome({ ok: false, text: (t, locale) => t.connectFailed(inLocale(said, locale)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="connect" aria-labelledby="connect-zendesk-heading">
      <h3 id="connect-zendesk-heading">{VENDOR_NAMES.zendesk}</h3>
      <form ref={form} onSubmit={onSubmit} aria-busy={busy} aria-labelledby="connect-zendesk-heading" noValidate>
        <Field id="zendesk-subdomain" label={t.subdomainLabel} hint={t.subdomainHint} error={errors.subdomain && t.subdomainProblems[errors.subdomain]}>
          {(control) => (
            <input
              {...control}
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={subdomain}
              onInput={(e) => {
                setSubdomain(e.currentTarget.value);
                setErrors(({ subdomain: _, ...rest }) => rest);
              }}
            />
          )}
        </Field>
        <fieldset class="methods">
          <legend>{t.methodLegend}</legend>
          {METHODS.map((kind) => (
            <div class="method" key={kind}>
              <input
                type="radio"
                name="zendesk-method"
                id={`zendesk-method-${kind}`}
                value={kind}
                checked={method === kind}
                aria-describedby={`zendesk-method-${kind}-help`}
                onChange={() => setMethod(kind)}
              />
              <label for={`zendesk-method-${kind}`}>{t.methods[kind]}</label>
              <p class="field-hint" id={`zendesk-method-${kind}-help`}>
                {t.methodHelp[kind]}
              </p>
            </div>
          ))}
        </fieldset>
        {method === 'api_token' && (
          <>
            <Field id="zendesk-email" label={t.emailLabel} error={errors.email && t.emailInvalid}>
              {(control) => (
                <input
                  {...control}
                  ref={emailInput}
                  type="email"
                  autoComplete="username"
                  value={email}
                  onInput={(e) => {
                    setEmail(e.currentTarget.value);
                    setErrors(({ email: _, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
            <Field id="zendesk-token" label={t.tokenLabel} hint={t.tokenHint} error={errors.token && t.tokenEmpty}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  autoComplete="off"
                  value={token}
                  onInput={(e) => {
                    setToken(e.currentTarget.value);
                    setErrors(({ token: _, ...rest }) => rest);
                  }}
                />
              )}
            </Field>
          </>
        )}
        <button ref={submitButton} type="submit" disabled={busy}>
          {busy ? t.connecting : t.connect(VENDOR_NAMES.zendesk)}
        </button>
        <Outcome outcome={outcome} />
      </form>
    </section>
  );
}
