import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PortierDb } from '../../core/db';
import type { Localized } from '../../core/i18n';
import type { ErrorCode, Request, RequestType, ResultFor } from '../../core/messages';
import type { Vendor } from '../../core/model';

/**
 * What the panel and options page need from the extension, given by the entrypoint
 * (entrypoints/sidepanel/platform.ts) so that components never touch `browser.*` and run under
 * happy-dom in unit tests with a fake.
 */
export interface Platform {
  /** One request to the background; resolves with its result or throws an AskError. */
  ask<T extends RequestType>(request: Extract<Request, { type: T }>): Promise<ResultFor<T>>;
  /**
   * Portier's IndexedDB, where the panel reads jobs, invitations, events and pages with liveQuery.
   * Loaded on first use: Dexie is half the panel's code, and a contact's verdicts show without it
   * (they come from the background).
   */
  database(): Promise<PortierDb>;
  /** Calls `listener` with the tab the panel follows now and whenever it changes; returns the unsubscribe. */
  watchActiveTab(listener: (tabId: number | undefined) => void): () => void;
  /**
   * Keeps a port open to the content script of the tab's page, so that it reads the agent's ticks
   * (components/shared/tab-watch.ts); undefined closes it. Pages that show no tab need not have it.
   */
  watchPage?(tabId: number | undefined): void;
  /** The options page; `at`: opened on the connect form of that account (a page of an account not connected). */
  openOptions(at?: ConnectTarget): void;
  /**
   * The page's first screen is painted: what it deferred (the database) may load now
   * (components/shared/first-screen.ts). Pages without a first screen to protect need not say it.
   */
  firstScreenShown?(): void;
  /** Small preferences (the chosen language), kept per extension. */
  preferences: { get(key: string): string | null; set(key: string, value: string): void };
}

/** An account a page names, for the options page to open its connect form on (#connect=<vendor>:<account>). */
export interface ConnectTarget {
  vendor: Vendor;
  account: string;
}

/**
 * A refusal of the background, with the code to branch on and the message to show: `localized` in
 * every language the pages speak (components/shared/said.ts picks the agent's), `message` in English.
 */
export class AskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly localized?: Localized,
  ) {
    super(message);
    this.name = 'AskError';
  }
}

export const PlatformContext = createContext<Platform | null>(null);

export function usePlatform(): Platform {
  const platform = useContext(PlatformContext);
  if (!platform) throw new Error('usePlatform() outside <PlatformContext.Provider>');
  return platform;
}
