import { render } from '@testing-library/preact';
import type { ComponentChildren } from 'preact';
import { LocaleContext } from '../../../components/shared/locale';
import { PlatformContext, type Platform } from '../../../components/shared/platform';
import type { PortierDb } from '../../../core/db';
import type { Locale } from '../../../core/i18n';
import type { Request, RequestType, ResultFor } from '../../../core/messages';

/**
 * A fake platform for the ticket, organization and invite views: the requests the view made, in
 * order, and one answer per request type (an unexpected request throws, so the view shows it).
 */
export type Answers = { [T in RequestType]?: (request: Extract<Request, { type: T }>) => ResultFor<T> | Promise<ResultFor<T>> };

export function renderWith(ui: ComponentChildren, options: { db: PortierDb; answers: Answers; asks: Request[]; locale?: Locale }) {
  const platform: Platform = {
    database: async () => options.db,
    ask: (async (request: Request) => {
      options.asks.push(request);
      const answer = options.answers[request.type] as ((r: Request) => unknown) | undefined;
      if (!answer) throw new Error(`unexpected ask ${request.type}`);
      return answer(request);
    }) as Platform['ask'],
    watchActiveTab: () => () => undefined,
    openOptions: () => undefined,
    preferences: { get: () => null, set: () => undefined },
  };
  return render(
    <PlatformContext.Provider value={platform}>
      <LocaleContext.Provider value={{ locale: options.locale ?? 'en', setLocale: () => undefined }}>{ui}</LocaleContext.Provider>
    </PlatformContext.Provider>,
  );
}
