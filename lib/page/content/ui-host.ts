import type { UiHost } from './ports';

const HOST_TAG = 'policy-lens-ui';

/**
 * The single element Policy Lens adds to a page. Everything inside is in a closed shadow root,
 * so page scripts cannot read it and page CSS cannot restyle it. Made once per document, when
 * first needed; put into the page when first needed (and on every scanned page once notes are
 * asked for, so its presence says nothing about them).
 */
export class PageUiHost implements UiHost {
  private made: { host: HTMLElement; root: ShadowRoot } | null = null;

  constructor(private readonly doc: Document) {}

  private get parts(): { host: HTMLElement; root: ShadowRoot } {
    if (!this.made) {
      const host = this.doc.createElement(HOST_TAG);
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
    const { host } = this.parts;
    if (!host.isConnected) this.doc.documentElement.append(host);
  }

  /** Our own nodes (the host, and anything a mutation reports inside it). */
  owns(n: Node): boolean {
    return n.nodeName === 'POLICY-LENS-UI' || (this.made?.host.contains(n) ?? false);
  }
}
