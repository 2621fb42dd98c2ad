import {
  defaultRangeExtractor,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type Range,
  type Rect,
} from '@tanstack/virtual-core';
import type { ComponentChildren, TargetedKeyboardEvent } from 'preact';
import { useId, useLayoutEffect, useReducer, useRef, useState } from 'preact/hooks';

/**
 * A long list (a 10,000-row CSV, a job's failures) that keeps only the rows in view in the DOM.
 * It is one listbox the agent reaches with Tab; the arrow keys, Home/End and PageUp/PageDown move
 * the active row (aria-activedescendant, so focus never jumps into rows that may be recycled), and
 * Space or Enter tick it when the list is selectable.
 */
export interface VirtualListProps<T> {
  items: readonly T[];
  /** Accessible name of the list. */
  label: string;
  getKey(item: T, index: number): string;
  /** The row's content: text only (names and addresses come from the vendor, never HTML). */
  renderRow(item: T, index: number): ComponentChildren;
  /** Fixed row height in px: rows are one or two lines of text. */
  rowHeight?: number;
  /** Height of the scrolling box in px. */
  height?: number;
  overscan?: number;
  /** Ticking rows: checked state and toggle. Absent = a plain list. */
  selection?: { isSelected(item: T): boolean; toggle(item: T): void };
  class?: string;
}

export function VirtualList<T>(props: VirtualListProps<T>) {
  const { items, rowHeight = 40, height = 240, overscan = 5, selection } = props;
  const baseId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const activeIndex = Math.min(active, Math.max(items.length - 1, 0));

  // The active row is always rendered, even scrolled away, so aria-activedescendant names a real element.
  const activeRef = useRef(activeIndex);
  activeRef.current = activeIndex;
  const options = {
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    scrollToFn: elementScroll,
    // Before layout (and under a DOM emulator) the box measures 0: its fixed CSS height is the truth.
    observeElementRect: (instance: Virtualizer<HTMLDivElement, HTMLDivElement>, cb: (rect: Rect) => void) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : { width: rect.width, height })),
    observeElementOffset,
    initialRect: { width: 0, height },
    rangeExtractor: (range: Range) => withIndex(defaultRangeExtractor(range), activeRef.current, range.count),
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer<HTMLDivElement, HTMLDivElement>(options));
  virtualizer.setOptions(options);
  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());

  const rowId = (index: number) => `${baseId}-row-${index}`;
  const pageSize = Math.max(1, Math.floor(height / rowHeight) - 1);

  function moveTo(index: number) {
    if (items.length === 0) return;
    const next = Math.max(0, Math.min(items.length - 1, index));
    setActive(next);
    activeRef.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: TargetedKeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: items.length - 1,
      PageDown: activeIndex + pageSize,
      PageUp: activeIndex - pageSize,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      moveTo(target);
      return;
    }
    if ((event.key === ' ' || event.key === 'Enter') && selection) {
      event.preventDefault();
      const item = items[activeIndex];
      if (item !== undefined) selection.toggle(item);
    }
  }

  const rows = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label={props.label}
      aria-multiselectable={selection ? true : undefined}
      aria-activedescendant={items.length > 0 ? rowId(activeIndex) : undefined}
      tabIndex={0}
      class={props.class}
      onKeyDown={onKeyDown}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      style={{ height: `${height}px`, overflowY: 'auto', position: 'relative', contain: 'strict' }}
    >
      <div role="presentation" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative', width: '100%' }}>
        {rows.map((row) => {
          const item = items[row.index];
          if (item === undefined) return null;
          const isActive = row.index === activeIndex;
          const checked = selection?.isSelected(item);
          return (
            <div
              key={props.getKey(item, row.index)}
              id={rowId(row.index)}
              role="option"
              aria-selected={selection ? Boolean(checked) : isActive}
              aria-posinset={row.index + 1}
              aria-setsize={items.length}
              data-active={isActive ? '' : undefined}
              onClick={() => {
                setActive(row.index);
                selection?.toggle(item);
              }}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: `${rowHeight}px`,
                transform: `translateY(${row.start}px)`,
                display: 'flex',
                alignItems: 'center',
                gap: '0.5em',
                padding: '0 0.5em',
                boxSizing: 'border-box',
                cursor: selection ? 'pointer' : undefined,
                // The focus ring of the listbox is on its active row: visible, and not colour alone.
                outline: isActive && focused ? '2px solid Highlight' : undefined,
                outlineOffset: '-2px',
              }}
            >
              {selection && (
                <span aria-hidden="true" class="vl-check" style={CHECK_STYLE}>
                  {checked ? '✓' : ''}
                </span>
              )}
              <div style={{ minWidth: 0, flex: 1, overflow: 'hidden' }}>{props.renderRow(item, row.index)}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}

const CHECK_STYLE = {
  display: 'inline-flex',
  alignItems: 'center',
  justifyContent: 'center',
  width: '1.1em',
  height: '1.1em',
  flex: 'none',
  border: '1px solid currentColor',
  borderRadius: '3px',
  fontSize: '0.9em',
  lineHeight: 1,
};

function withIndex(indexes: number[], index: number, count: number): number[] {
  if (index < 0 || index >= count || indexes.includes(index)) return indexes;
  return [...indexes, index].sort((a, b) => a - b);
}
