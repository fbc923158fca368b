import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  loadCitationFormat,
  loadSettings,
  saveCitationFormat,
} from '../../lib/shared/settings/store';

describe('the default citation format', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is plain text until the reader chooses', async () => {
    expect(await loadCitationFormat()).toBe('plain');
  });

  it.each(['markdown', 'gbt7714', 'apa'] as const)('keeps the choice %s', async (f) => {
    await saveCitationFormat(f);
    expect(await loadCitationFormat()).toBe(f);
  });

  it('falls back to plain text on anything else stored', async () => {
    await fakeBrowser.storage.sync.set({ citationFormat: 'bibtex' });
    expect(await loadCitationFormat()).toBe('plain');
  });

  it('lives beside the settings, which it leaves alone', async () => {
    const before = await loadSettings();
    await saveCitationFormat('apa');
    expect(await loadSettings()).toEqual(before);
  });
});
