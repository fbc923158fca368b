/**
 * Resolves in a new task so the page can handle input between our slices. A MessageChannel post
 * avoids setTimeout's 4 ms clamp for nested timers. Not scheduler.yield: its continuations run
 * ahead of rendering, and the benchmark saw frames held back to one per ~100 ms during a long
 * scan (the first screenful then showed ~100 ms late).
 */
export function makeYield(_global: typeof globalThis): () => Promise<void> {
  // Made on the first yield: most pages are scanned in one slice and never need it.
  let channel: MessageChannel | null = null;
  const waiting: (() => void)[] = [];
  return () =>
    new Promise<void>((resolve) => {
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => waiting.shift()?.();
      }
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
