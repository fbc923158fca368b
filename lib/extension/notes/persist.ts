/**
 * Asks the browser to keep the extension's storage under pressure ("persistent" rather than
 * "best effort"). Only a window can ask (StorageManager.persist is not exposed to service
 * workers), so extension pages — the popup and the options page — call this when they open.
 * With `unlimitedStorage` Chromium already grants it; Firefox may ask the user.
 */
export async function requestPersistentStorage(
  storage: Pick<StorageManager, 'persist' | 'persisted'> | undefined = globalThis.navigator
    ?.storage,
): Promise<boolean> {
  if (!storage?.persist) return false;
  try {
    if (await storage.persisted()) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}
