import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

export interface Tab {
  id: string;
  label: string;
  render: () => ComponentChildren;
}

/**
 * A WAI-ARIA tablist with automatic activation: arrow keys, Home and End move to a tab and show
 * it; only the selected tab is in the Tab order, so Tab goes straight on into its panel.
 */
export function Tabs({ tabs, label, idPrefix }: { tabs: Tab[]; label: string; idPrefix: string }) {
  const [selectedId, setSelectedId] = useState(tabs[0]?.id);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const index = Math.max(0, tabs.findIndex((t) => t.id === selectedId));
  const selected = tabs[index];

  const select = (i: number) => {
    const next = (i + tabs.length) % tabs.length;
    setSelectedId(tabs[next]?.id);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    select(to);
  };

  return (
    <div class="pt-tabs">
      <div role="tablist" aria-label={label} class="pt-tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab, i) => (
          <button
            key={tab.id}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${tab.id}`}
            aria-selected={i === index}
            aria-controls={`${idPrefix}-panel-${tab.id}`}
            tabIndex={i === index ? 0 : -1}
            onClick={() => setSelectedId(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {selected && (
        <div role="tabpanel" id={`${idPrefix}-panel-${selected.id}`} aria-labelledby={`${idPrefix}-tab-${selected.id}`} class="pt-tabpanel">
          {selected.render()}
        </div>
      )}
    </div>
  );
}
