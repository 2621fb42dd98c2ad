import '../bulk/bulk.css';
import './invite.css';
import { useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { TargetSelect } from '../bulk/TargetSelect';
import { useTexts } from '../shared/locale';
import { OneAddress } from './OneAddress';
import { SeveralAddresses } from './SeveralAddresses';
import { INVITE_TEXTS } from './texts';

/**
 * Invite by address, on any page of a connected account: one person (name and email), or several
 * pasted one a line. Either way the background checks them like any contact before a vendor call.
 */
export function AddressInvite({ account }: { account: Account }) {
  const t = useTexts(INVITE_TEXTS);
  const [targetKey, setTargetKey] = useState<string | undefined>(undefined);
  const [several, setSeveral] = useState(false);
  return (
    <div class="bulk pt-invite">
      <p class="bulk-hint">{t.intro(account.vendor)}</p>
      <TargetSelect account={account} value={targetKey} onChange={setTargetKey} />
      {several ? <SeveralAddresses account={account} targetKey={targetKey} /> : <OneAddress account={account} targetKey={targetKey} />}
      <button type="button" class="pt-invite-toggle" aria-pressed={several} onClick={() => setSeveral((on) => !on)}>
        {several ? t.oneToggle : t.severalToggle}
      </button>
    </div>
  );
}
