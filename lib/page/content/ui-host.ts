import type { UiHost } from './ports';

const HOST_TAG = 'policy-lens-ui';

/**
 * The single element Policy Lens adds to a page. Everything inside is in a closed shadow root,
 * so page scripts cannot read it and page CSS cannot restyle it. Made once per document, when
 * first needed. It goes into the page at once for what the reader asked for (a tooltip, the
 * note button or editor), where the page may show terms (before they are painted, see
 * start.ts) and, for the rest (drawn notes), on every scanned page once `allow`ed at the
 * reader's first interaction — so its presence says nothing about notes, and a page without
 * terms that nobody touches gets no element at all (bench, page E: 14 KB of heap and a style
 * and layout pass).
 */
export class PageUiHost implements UiHost {
  private made: { host: HTMLElement; root: ShadowRoot } | null = null;
  private wanted = false;
  private allowed = false;

  constructor(private readonly doc: Document) {}

  private get parts(): { host: HTMLElement; root: ShadowRoot } {
    if (!this.made) {
      // Made in a document without a window, where no custom element definition applies: a
      // page that defines <policy-lens-ui> itself would otherwise get our element constructed
      // as its own, and a shadow root attached to its custom element is the page's to read
      // through ElementInternals.shadowRoot, closed or not. Attached before the page's
      // definition can upgrade it (on insertion), the root is never available to internals.
      const host = this.doc.implementation.createHTMLDocument('').createElement(HOST_TAG);
      // No box of its own until the tooltip's stylesheet gives it one (:host, !important there,
      // so it wins over this; drawn notes need none: what they draw is positioned). Put into a
      // page that shows terms, an empty inline box at the end of <html> made the next frame lay
      // out, pre-paint and repaint the whole page (~6 ms on the sample article, in a trace).
      // The same on every page: it says nothing.
      host.style.setProperty('display', 'contents');
      this.made = { host, root: host.attachShadow({ mode: 'closed' }) };
    }
    return this.made;
  }

  get host(): HTMLElement {
    return this.parts.host;
  }

  get root(): ShadowRoot {
    return this.parts.root;
  }

  attach(): void {
    this.allowed = true;
    const { host } = this.parts;
    if (!host.isConnected) this.doc.documentElement.append(host);
  }

  attachWhenAllowed(): void {
    this.wanted = true;
    if (this.allowed) this.attach();
  }

  /** From now on `attachWhenAllowed` attaches (and does, if it was asked before). */
  allow(): void {
    this.allowed = true;
    if (this.wanted) this.attach();
  }

  /** Our own nodes (the host, and anything a mutation reports inside it). */
  owns(n: Node): boolean {
    return n.nodeName === 'POLICY-LENS-UI' || (this.made?.host.contains(n) ?? false);
  }
}
