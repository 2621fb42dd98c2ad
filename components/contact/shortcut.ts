import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/** Alt+Shift+I whatever the keyboard layout prints for it (macOS gives "ˆ" for Alt+Shift+I). */
export function isInviteShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyI' || event.key.toLowerCase() === 'i');
}

/**
 * What the shortcut did. It never picks a destination the agent did not mean: the one holding the
 * focus, else the account's default one; on it, the row's action (invite, re-invite, activate),
 * else its verification email; when neither can act, or there is no such row, it says why.
 */
export type ShortcutOutcome =
  | { acted: true; targetKey: string }
  /** The chosen destination cannot act (a reason blocks it, or it is already sending): its button gets the focus, so its reason is read. */
  | { acted: false; why: 'cannot_act'; name: string; verdict: string; focused: boolean }
  /** No destination has the focus and the account has no default one (or the contact has none of it). */
  | { acted: false; why: 'no_default' };

function rowOf(list: HTMLElement, focused: Element | null, defaultKey: string | undefined, defaultScope: Element | null): { row: Element; focused: boolean } | undefined {
  const row = focused?.closest('[data-target-key]');
  if (row && list.contains(row)) return { row, focused: true };
  if (!defaultKey || !defaultScope) return undefined;
  const byDefault = [...defaultScope.querySelectorAll('[data-target-key]')].find((r) => r.getAttribute('data-target-key') === defaultKey);
  return byDefault ? { row: byDefault, focused: false } : undefined;
}

/** `defaultScope`: where the default destination's row is looked for (the whole list unless given; none: no default). */
export function runPrimaryAction(list: HTMLElement, focused: Element | null, defaultKey?: string, defaultScope: Element | null = list): ShortcutOutcome {
  const chosen = rowOf(list, focused, defaultKey, defaultScope);
  if (!chosen) return { acted: false, why: 'no_default' };
  const { row } = chosen;
  const button = row.querySelector<HTMLButtonElement>('[data-primary]');
  const key = row.getAttribute('data-target-key') ?? '';
  // Where the destination has no action of its own (`data-blocked`: nothing to send there), the
  // row's one other action runs (Zendesk's verification email for a user who is already an end
  // user): the one thing left to do there. Never while its own action is merely busy sending.
  const fallback = button?.hasAttribute('data-blocked') ? row.querySelector<HTMLButtonElement>('[data-fallback-action]') : null;
  for (const candidate of [button, fallback]) {
    if (candidate && candidate.getAttribute('aria-disabled') !== 'true') {
      candidate.click();
      return { acted: true, targetKey: key };
    }
  }
  button?.focus();
  return {
    acted: false,
    why: 'cannot_act',
    name: row.querySelector('h3')?.textContent?.trim() ?? key,
    verdict: row.querySelector('.pt-verdict')?.textContent?.trim() ?? '',
    focused: chosen.focused,
  };
}

/**
 * Listens for Alt+Shift+I on the panel; answers the last outcome, for a status line that says why
 * nothing happened. `defaultIn`: where the default destination is taken from when no row has the
 * focus (a ticket: the requester's rows only, never a CC's).
 */
export function useInviteShortcut(list: RefObject<HTMLElement | null>, defaultKey: string | undefined, defaultIn?: () => Element | null): ShortcutOutcome | undefined {
  const [outcome, setOutcome] = useState<ShortcutOutcome | undefined>(undefined);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isInviteShortcut(event)) return;
      event.preventDefault();
      // A contact without destinations has no list: that is said too, never silence.
      const current = list.current;
      setOutcome(current ? runPrimaryAction(current, document.activeElement, defaultKey, defaultIn ? defaultIn() : current) : { acted: false, why: 'no_default' });
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [list, defaultKey, defaultIn]);
  return outcome;
}
