// Helpers for component tests under happy-dom (`// @vitest-environment happy-dom`): mount into a container,
// type, press keys, click, and let Preact and pending promises settle. Test-only; not exported by index.ts.
// A synchronous `act` flushes Preact's renders before it returns; its promise is only for async callbacks.
/* eslint-disable no-restricted-globals -- component tests run in a DOM (happy-dom); the components never do */

import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export interface Mounted {
  container: HTMLElement;
  rerender(vnode: ComponentChild): void;
  unmount(): void;
}

export function mount(vnode: ComponentChild): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  void act(() => render(vnode, container));
  return {
    container,
    rerender: (next) => {
      void act(() => render(next, container));
    },
    unmount: () => {
      void act(() => render(null, container));
      container.remove();
    },
  };
}

/** Sets the value of an input or textarea as typing would, and fires `input`. */
export function type(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  void act(() => {
    field.focus();
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Dispatches a keydown; returns false when a handler called preventDefault. */
export function press(target: Element, key: string, init: KeyboardEventInit = {}): boolean {
  let notPrevented = true;
  void act(() => {
    notPrevented = target.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
  return notPrevented;
}

export function click(target: Element): void {
  void act(() => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}

/** Lets pending promises (fake background answers) and the renders they cause run. */
export async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  }
}

/** The element matching `selector`, or a thrown error naming it (so a test fails where the UI differs). */
export function get<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const found = root.querySelector<E>(selector);
  if (!found) throw new Error(`Nothing matches ${selector}`);
  return found;
}

export function all<E extends Element = HTMLElement>(root: ParentNode, selector: string): E[] {
  return [...root.querySelectorAll<E>(selector)];
}

/** The button whose accessible name (aria-label, else its text) is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = all<HTMLButtonElement>(root, 'button').find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`No button named "${name}"`);
  return found;
}

export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The element that has the keyboard focus. */
export function focused(): Element | null {
  return document.activeElement;
}
