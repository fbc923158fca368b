import { browser, type Browser } from 'wxt/browser';

type Sender = Browser.runtime.MessageSender;

/**
 * Registers a receiver's one message listener. The listener answers by returning a promise
 * (or `undefined`: "not for me", leaving the message to another listener or frame).
 */
export function onRuntimeMessage(
  answer: (msg: unknown, sender: Sender) => Promise<unknown> | undefined,
): void {
  // The browser's types declare the callback style (a void listener calling sendResponse);
  // both browsers we support take a returned promise as the answer, which is what we return.
  browser.runtime.onMessage.addListener(answer as (msg: unknown, sender: Sender) => void);
}
