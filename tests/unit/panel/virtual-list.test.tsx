// @vitest-environment happy-dom
import './dom-setup';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualList } from '../../../components/shared/VirtualList';

const ITEMS = Array.from({ length: 10_000 }, (_, i) => `Item ${i}`);

function List({ selectable = false }: { selectable?: boolean }) {
  const [ticked, setTicked] = useState<Set<string>>(new Set());
  return (
    <VirtualList
      items={ITEMS}
      label="Contacts"
      getKey={(item) => item}
      renderRow={(item) => <span>{item}</span>}
      rowHeight={40}
      height={200}
      selection={
        selectable
          ? {
              isSelected: (item) => ticked.has(item),
              toggle: (item) =>
                setTicked((prev) => {
                  const next = new Set(prev);
                  if (next.has(item)) next.delete(item);
                  else next.add(item);
                  return next;
                }),
            }
          : undefined
      }
    />
  );
}

function activeOption(): HTMLElement {
  const list = screen.getByRole('listbox', { name: 'Contacts' });
  const id = list.getAttribute('aria-activedescendant');
  const el = id ? document.getElementById(id) : null;
  if (!el) throw new Error(`no active row (${id})`);
  return el;
}

afterEach(cleanup);

describe('VirtualList', () => {
  it('renders only the rows in view (plus overscan) of 10,000 items', () => {
    render(<List />);
    const rows = screen.getAllByRole('option');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(30);
    expect(rows[0]!.textContent).toBe('Item 0');
    expect(screen.queryByText('Item 9999')).toBeNull();
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('10000');
  });

  it('moves the active row with the arrow keys, Home/End and PageUp/PageDown, and renders it', () => {
    render(<List />);
    const list = screen.getByRole('listbox', { name: 'Contacts' });
    list.focus();
    expect(activeOption().textContent).toBe('Item 0');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(activeOption().textContent).toBe('Item 2');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(activeOption().textContent).toBe('Item 1');
    fireEvent.keyDown(list, { key: 'End' });
    expect(activeOption().textContent).toBe('Item 9999');
    expect(screen.getAllByRole('option').length).toBeLessThan(40);
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(activeOption().textContent).toBe('Item 9999');
    fireEvent.keyDown(list, { key: 'PageUp' });
    expect(activeOption().textContent).toBe('Item 9995');
    fireEvent.keyDown(list, { key: 'Home' });
    expect(activeOption().textContent).toBe('Item 0');
    fireEvent.keyDown(list, { key: 'PageDown' });
    expect(activeOption().textContent).toBe('Item 4');
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    fireEvent.keyDown(list, { key: 'ArrowUp' });
    expect(activeOption().textContent).toBe('Item 0');
  });

  it('ticks the active row with Space and a row with a click when selectable', () => {
    render(<List selectable />);
    const list = screen.getByRole('listbox', { name: 'Contacts' });
    expect(list.getAttribute('aria-multiselectable')).toBe('true');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: ' ' });
    expect(activeOption().getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('option', { name: /Item 0/ }).getAttribute('aria-selected')).toBe('false');
    fireEvent.keyDown(list, { key: ' ' });
    expect(activeOption().getAttribute('aria-selected')).toBe('false');
    fireEvent.click(screen.getByText('Item 3'));
    expect(screen.getByRole('option', { name: /Item 3/ }).getAttribute('aria-selected')).toBe('true');
  });
});
