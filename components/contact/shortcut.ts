import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

/** Alt+Shift+I whatever the keyboard layout prints for it (macOS gives "ˆ" for Alt+Shift+I). */
export function isInviteShortcut(event: KeyboardEvent): boolean {
  return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey && (event.code === 'KeyI' || event.key.toLowerCase() === 'i');
}

/**
 * The primary action of the destination row holding the focus; with the focus elsewhere, the
 * first row that can act (rows are listed default destination first). A focused row that cannot
 * act gets its button focused, so its reason is read, rather than acting on another row.
 */
export function runPrimaryAction(list: HTMLElement, focused: Element | null): boolean {
  const row = focused?.closest('[data-target-key]');
  if (row && list.contains(row)) {
    const button = row.querySelector<HTMLButtonElement>('[data-primary]');
    if (!button) return false;
    if (button.getAttribute('aria-disabled') === 'true') {
      button.focus();
      return false;
    }
    button.click();
    return true;
  }
  const first = list.querySelector<HTMLButtonElement>('[data-primary]:not([aria-disabled="true"])');
  first?.click();
  return first !== null;
}

export function useInviteShortcut(list: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isInviteShortcut(event) || !list.current) return;
      event.preventDefault();
      runPrimaryAction(list.current, document.activeElement);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [list]);
}
