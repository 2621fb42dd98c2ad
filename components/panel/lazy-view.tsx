import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useTexts } from '../shared/locale';
import { SHELL_TEXTS } from './texts';

/**
 * A view whose code loads when it is first shown. The bulk and portal-user views carry a list
 * virtualiser, job cards and CSV code that most contact pages never need, and the panel's script
 * has a size budget: the contact view must not wait for them.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | undefined;
  return function LazyView(props: P) {
    const t = useTexts(SHELL_TEXTS);
    const [View, setView] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let current = true;
      load().then(
        (view) => {
          loaded = view;
          if (current) setView(() => view);
        },
        (error: unknown) => {
          console.error('Portier: a panel view failed to load', error);
          if (current) setFailed(true);
        },
      );
      return () => {
        current = false;
      };
    }, []);
    if (failed) return <p role="alert">{t.viewFailed}</p>;
    if (!View) {
      return (
        <p class="pt-loading" aria-busy="true">
          {t.loading}
        </p>
      );
    }
    return <View {...props} />;
  };
}
