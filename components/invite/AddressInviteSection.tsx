import './invite-section.css';
import { useState } from 'preact/hooks';
import type { Account } from '../../core/model';
import { lazyView } from '../panel/lazy-view';
import { useTexts } from '../shared/locale';
import { INVITE_TEXTS } from './texts';

const AddressInvite = lazyView(() => import('./AddressInvite').then((m) => m.AddressInvite));

/**
 * "Invite by address" under every view of a connected account: closed, it costs the panel nothing
 * (no code, no request); opened, it loads the form. `open` opens it from the start (pages with
 * nothing else to offer).
 */
export function AddressInviteSection({ account, open = false }: { account: Account; open?: boolean }) {
  const t = useTexts(INVITE_TEXTS);
  const [shown, setShown] = useState(open);
  return (
    <details class="pt-invite-section" open={open} onToggle={(event) => setShown((event.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t.heading}</summary>
      {shown && <AddressInvite key={account.id} account={account} />}
    </details>
  );
}
