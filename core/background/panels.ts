/**
 * The side panels open now and the tab each follows, as their ports say (messages.ts PANEL_PORT).
 * A port closes with its panel, and with the worker: a worker that starts again knows of no panel
 * until the panel speaks again, so it prefetches less, never more.
 */
export interface PanelHandle {
  follows(tabId: number | null): void;
  close(): void;
}

export class OpenPanels {
  private readonly following = new Map<symbol, number | null>();

  open(): PanelHandle {
    const id = Symbol('panel');
    this.following.set(id, null);
    return {
      follows: (tabId) => {
        if (this.following.has(id)) this.following.set(id, tabId);
      },
      close: () => void this.following.delete(id),
    };
  }

  /** Whether an open panel shows this tab's page. */
  watches(tabId: number): boolean {
    for (const followed of this.following.values()) if (followed === tabId) return true;
    return false;
  }

  any(): boolean {
    return this.following.size > 0;
  }
}
