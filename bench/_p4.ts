import { launchChromium } from '../scripts/harness/chromium';
const t0 = Date.now();
const c = await launchChromium(1234);
console.log(c.extensionId, Date.now() - t0);
await c.close();
