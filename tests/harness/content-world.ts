import type { Chromium } from './chromium';

interface RuntimeLike {
  runtime: { sendMessage(m: unknown): Promise<unknown> };
}
interface ChromeLike {
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> };
  scripting: {
    executeScript(o: {
      target: { tabId: number };
      world: 'ISOLATED';
      args: unknown[];
      func: (json: string) => Promise<unknown[]>;
    }): Promise<{ result: unknown }[]>;
  };
}

/** Sends `messages` from the content script's world of the tab at `url`, as a compromised one would. */
export async function asContentScript(
  browser: Pick<Chromium, 'worker'>,
  url: string,
  messages: unknown[],
): Promise<unknown[]> {
  return browser.worker.evaluate(
    async ({ u, msgs }) => {
      const api = (globalThis as unknown as { chrome: ChromeLike }).chrome;
      const [tab] = await api.tabs.query({ url: u });
      const [r] = await api.scripting.executeScript({
        target: { tabId: tab!.id! },
        world: 'ISOLATED',
        // As JSON: the scripting API's argument passing drops nulls (canonical: null).
        args: [JSON.stringify(msgs)],
        func: async (json: string) => {
          const list = JSON.parse(json) as unknown[];
          // Runs in the content script's world, where `chrome` is the extension API.
          const rt = (globalThis as unknown as { chrome: RuntimeLike }).chrome.runtime;
          const out: unknown[] = [];
          for (const m of list) {
            out.push(
              await rt.sendMessage(m).then(
                (r: unknown) => r,
                (e: unknown) => String(e),
              ),
            );
          }
          return out;
        },
      });
      return r!.result as unknown[];
    },
    { u: url, msgs: messages },
  );
}
