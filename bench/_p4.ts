import { launchChromium } from '../scripts/harness/chromium';
const c = await launchChromium(1234);
console.log(c.extensionId);
await c.close();
