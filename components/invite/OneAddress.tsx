import { useId, useState } from 'preact/hooks';
import { REASON_TEXTS } from '../../core/eligibility/texts';
import type { ResultFor } from '../../core/messages';
import { invitationId, recordKey, type Account, type Action, type Invitation, type Job, type Target } from '../../core/model';
import { verdictText } from '../bulk/summary';
import { outcomeOf } from '../contact/use-invite';
import { addressOf, looksLikeAddress } from '../shared/csv';
import { useLiveQuery } from '../shared/live-query';
import { useLocale, useTexts } from '../shared/locale';
import { usePlatform } from '../shared/platform';
import { inEveryLocale, inLocale, saidOf, type Said } from '../shared/said';
import { INVITE_TEXTS } from './texts';

type Item = ResultFor<'evaluate'>['items'][number];
type SendAction = Exclude<Action, 'none'>;
type Step =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'verdict'; item: Item; target: Target }
  | { kind: 'started'; item: Item; target: Target; action: SendAction; jobIds: string[] };

/**
 * One person by address: a name (optional) and an email, then one click. The click runs the
 * eligibility check (evaluate) and, when it allows the invitation without a warning, starts it at
 * once: on Zendesk that is the native Customers → Add → name, email → Add, in one step. A warning
 * is shown first and needs a second click; a refusal says why and sends nothing.
 */
export function OneAddress({ account, targetKey }: { account: Account; targetKey: string | undefined }) {
  const { ask } = usePlatform();
  const { locale } = useLocale();
  const t = useTexts(INVITE_TEXTS);
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [problem, setProblem] = useState<Said>('');
  // Only a problem with what was typed marks the field invalid: a vendor that does not answer is no
  // reason for a screen reader to call a good address invalid.
  const [addressInvalid, setAddressInvalid] = useState(false);
  const refuseAddress = (said: Said) => {
    setAddressInvalid(true);
    setProblem(said);
  };

  const edited = (set: (value: string) => void) => (event: Event) => {
    set((event.currentTarget as HTMLInputElement).value);
    setStep({ kind: 'idle' });
    setProblem('');
    setAddressInvalid(false);
  };
  const request = (address: string) => ({
    accountId: account.id, targetKey: targetKey ?? '', emails: [address], ...(name.trim() ? { names: [{ email: address, name: name.trim() }] } : {}),
  });

  async function start(address: string, item: Item, target: Target): Promise<void> {
    const action = item.verdict.action === 'none' ? 'invite' : item.verdict.action;
    try {
      const { jobs } = await ask({ type: 'startJob', ...request(address) });
      setStep({ kind: 'started', item, target, action, jobIds: jobs.map((j) => j.jobId) });
    } catch (error) {
      setProblem(saidOf(error));
      setStep({ kind: 'verdict', item, target });
    }
  }

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    if (!targetKey || step.kind === 'checking' || step.kind === 'started') return;
    const typed = email.trim();
    if (typed === '') return refuseAddress(inEveryLocale(INVITE_TEXTS, (texts) => texts.noEmail));
    const address = addressOf(typed);
    if (!looksLikeAddress(address)) return refuseAddress(inEveryLocale(INVITE_TEXTS, (texts) => texts.malformed(typed)));
    setAddressInvalid(false);
    // A second click on a warned verdict is the agent's word: invite anyway.
    if (step.kind === 'verdict' && step.item.verdict.eligible) return start(address, step.item, step.target);
    setProblem('');
    setStep({ kind: 'checking' });
    try {
      const result = await ask({ type: 'evaluate', ...request(address) });
      const item = result.items[0];
      if (!item) {
        setStep({ kind: 'idle' });
        return setProblem(inEveryLocale(INVITE_TEXTS, (texts) => texts.missing(account.vendor, address)));
      }
      const warned = item.verdict.reasons.some((r) => r.severity === 'warn');
      if (item.verdict.eligible && !warned) return start(address, item, result.target);
      setStep({ kind: 'verdict', item, target: result.target });
    } catch (error) {
      setStep({ kind: 'idle' });
      setProblem(saidOf(error));
    }
  }

  const warnedVerdict = step.kind === 'verdict' && step.item.verdict.eligible;
  return (
    <form class="pt-invite-one" onSubmit={submit} noValidate>
      <label>
        {t.name}
        <input type="text" name="name" autoComplete="off" maxLength={200} value={name} onInput={edited(setName)} aria-describedby={`${id}-name-hint`} />
      </label>
      <p id={`${id}-name-hint`} class="bulk-hint">
        {t.nameHint}
      </p>
      <label>
        {t.email}
        <input type="email" name="email" autoComplete="off" maxLength={320} required value={email} onInput={edited(setEmail)} aria-invalid={problem && addressInvalid ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} />
      </label>
      <div class="bulk-actions">
        <button type="submit" class="primary" disabled={!targetKey || step.kind === 'checking' || step.kind === 'started'}>
          {warnedVerdict ? t.inviteAnyway : t.invite}
        </button>
      </div>
      <p class="bulk-status" aria-live="polite">
        {step.kind === 'checking' && t.checking}
      </p>
      {problem && (
        <p id={`${id}-problem`} class="bulk-error" role="alert">
          {inLocale(problem, locale)}
        </p>
      )}
      {step.kind === 'verdict' && (
        <div class="pt-invite-verdict" role="status">
          <p>
            <strong>{step.item.verdict.eligible ? t.warned : t.notInvited}</strong> {verdictText(step.item.verdict, locale)}
          </p>
          <ul class="bulk-reasons">
            {step.item.verdict.reasons.map((reason) => (
              <li key={reason.code}>
                <strong>{REASON_TEXTS[reason.code][locale].title}</strong> <span class="bulk-reason-help">{REASON_TEXTS[reason.code][locale].help}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {step.kind === 'started' && <Outcome account={account} item={step.item} target={step.target} action={step.action} jobIds={step.jobIds} />}
    </form>
  );
}

/** What became of the invitation, from the row and the job the engine updates (as a contact card shows it). */
function Outcome(props: { account: Account; item: Item; target: Target; action: SendAction; jobIds: string[] }) {
  const { locale } = useLocale();
  const rowId = invitationId(recordKey(props.account.vendor, props.account.id, props.item.contactId), props.target.key);
  const watched = useLiveQuery(
    async (db): Promise<{ row: Invitation | undefined; jobs: Job[] }> => {
      const [row, jobs] = await Promise.all([db.invitations.get(rowId), db.jobs.bulkGet(props.jobIds)]);
      return { row, jobs: jobs.filter((j): j is Job => j !== undefined) };
    },
    [rowId, props.jobIds.join(' ')],
  );
  const outcome = outcomeOf({ state: 'started', action: props.action, jobIds: props.jobIds }, watched, locale);
  const who = props.item.name ? `${props.item.name} <${props.item.email ?? ''}>` : (props.item.email ?? '');
  return (
    <p role="status" class={`pt-result${outcome ? ` pt-tone-${outcome.tone}` : ''}`} data-final={outcome?.final ? 'true' : undefined}>
      {who}: {outcome?.text ?? ''}
    </p>
  );
}
