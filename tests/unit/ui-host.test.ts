// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { onFirstInteraction } from '../../lib/page/content/first-interaction';
import { PageUiHost } from '../../lib/page/content/ui-host';

const hosts = () => document.querySelectorAll('policy-lens-ui').length;

describe('the host element', () => {
  type Step = 'attach' | 'attachWhenAllowed' | 'allow';
  it.each<[string, Step[], number]>([
    ['nothing asked: no element', [], 0],
    ['made (its shadow root used) but not asked in: no element', [], 0],
    ['notes drawn, not allowed yet: no element', ['attachWhenAllowed'], 0],
    ['allowed, nothing to draw: no element', ['allow'], 0],
    ['notes drawn, then allowed: in', ['attachWhenAllowed', 'allow'], 1],
    ['allowed, then notes drawn: in', ['allow', 'attachWhenAllowed'], 1],
    ['the reader asked for UI: in at once', ['attach'], 1],
    ['asked for UI, then notes drawn: still one', ['attach', 'attachWhenAllowed', 'allow'], 1],
  ])('%s', (_name, steps, expected) => {
    document.documentElement.innerHTML = '<head></head><body><p>text</p></body>';
    const h = new PageUiHost(document);
    void h.root; // making the root does not put the host in
    for (const s of steps) h[s]();
    expect(hosts()).toBe(expected);
  });

  it('owns its nodes, and nothing before it is made', () => {
    const h = new PageUiHost(document);
    const p = document.createElement('p');
    expect(h.owns(p)).toBe(false);
    const inside = document.createElement('div');
    h.root.append(inside);
    expect(h.owns(h.host)).toBe(true);
    expect(h.owns(p)).toBe(false);
  });
});

describe('the first interaction', () => {
  it('fires once, on a trusted event only', () => {
    const fn = vi.fn();
    onFirstInteraction(window, fn);
    // A page's made-up event: isTrusted is false.
    window.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('scroll'));
    expect(fn).not.toHaveBeenCalled();
    const trusted = (type: string) => {
      const e = new Event(type);
      Object.defineProperty(e, 'isTrusted', { value: true });
      return e;
    };
    window.dispatchEvent(trusted('keydown'));
    window.dispatchEvent(trusted('pointermove'));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
