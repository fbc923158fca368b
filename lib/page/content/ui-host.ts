import type { UiHost } from './ports';

const HOST_TAG = 'policy-lens-ui';

/**
 * The single element Policy Lens adds to a page. Everything inside is in a closed shadow root,
 * so page scripts cannot read it and page CSS cannot restyle it. Made once per document; put
 * into the page when first needed (and on every scanned page once notes are asked for, so its
 * presence says nothing about them).
 */
export class PageUiHost implements UiHost {
  readonly host: HTMLElement;
  readonly root: ShadowRoot;

  constructor(private readonly doc: Document) {
    this.host = doc.createElement(HOST_TAG);
    this.root = this.host.attachShadow({ mode: 'closed' });
  }

  attach(): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
  }

  /** Our own nodes (the host, and anything a mutation reports inside it). */
  owns(n: Node): boolean {
    return n.nodeName === 'POLICY-LENS-UI' || this.host.contains(n);
  }
}
