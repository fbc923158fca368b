/**
 * Resolves in a new task so the page can handle input between our slices. scheduler.yield keeps
 * our continuation ahead of other queued work (Chrome 129+); elsewhere a MessageChannel post
 * avoids setTimeout's 4 ms clamp for nested timers.
 */
export function makeYield(global: typeof globalThis): () => Promise<void> {
  const sched = (global as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (sched?.yield) return () => sched.yield!();
  const channel = new MessageChannel();
  const waiting: (() => void)[] = [];
  channel.port1.onmessage = () => waiting.shift()?.();
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    });
}
