// A tiny element builder: every text goes in through textContent, every handler through
// addEventListener, so nothing the API returns can become markup and nothing needs 'unsafe-inline'.

export type Child = Node | string | number | null | undefined | false;
type Handler = (event: Event) => void;

export interface Attributes {
  class?: string;
  text?: string;
  on?: Partial<Record<keyof HTMLElementEventMap, Handler>>;
  /** Any other attribute, set with setAttribute; `false`/undefined leaves it out, `true` sets it empty. */
  [name: string]: string | number | boolean | undefined | Attributes['on'];
}

export const h = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value as Record<string, Handler>))
        element.addEventListener(event, handler);
    } else if (name === 'text') element.textContent = String(value);
    else if (name === 'class') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
};

export const append = (parent: Node, ...children: Child[]) => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? text(child) : child);
  }
};

export const text = (value: string | number) => document.createTextNode(String(value));

export const clear = (element: Element, ...children: Child[]) => {
  element.replaceChildren();
  append(element, ...children);
};

/** An id unique within the page, for label/aria wiring. */
let counter = 0;
export const uid = (prefix: string) => `${prefix}-${(counter += 1)}`;

export const byId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
};
