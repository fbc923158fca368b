import { launchChromium } from '../scripts/harness/chromium';
import { startFixtureServer } from '../scripts/harness/fixture-server';
const s = await startFixtureServer();
s.pages.set('/many.html', `<!doctype html><meta charset="utf-8"><body><script>const parts = [];
for (let p = 0; p < 2000; p++) { let s = '<p class="x">'; for (let i = 0; i < 97; i++) s += '<span class="y">甲乙</span>'; s += '新质<b>生产力</b><span>和高质量发展</span></p>'; parts.push(s); }
document.body.insertAdjacentHTML('beforeend', parts.join(''));</script>`);
const b = await launchChromium(s.port);
const p = await b.context.newPage();
await p.goto('http://www.example.org/many.html');
const r = await p.evaluate(`(() => {
  const out = {};
  const time = (name, fn) => { const ts = []; let v = 0; for (let i = 0; i < 5; i++) { const t = performance.now(); v = fn(); ts.push(performance.now() - t); } ts.sort((a, b) => a - b); out[name + ' (' + v + ')'] = +ts[2].toFixed(1); };
  time('tw text only', () => { const w = document.createTreeWalker(document.body, 4); let n = 0; while (w.nextNode()) n++; return n; });
  time('tw el+text', () => { const w = document.createTreeWalker(document.body, 5); let n = 0; while (w.nextNode()) n++; return n; });
  time('tw el+text +data', () => { const w = document.createTreeWalker(document.body, 5); let n = 0; let c; while ((c = w.nextNode())) { if (c.nodeType === 3) n += (c).data.length; } return n; });
  const EX = new Set(['script','style','code']);
  time('tw el+text +checks', () => { const w = document.createTreeWalker(document.body, 5); let n = 0; let c; while ((c = w.nextNode())) { if (c.nodeType === 1) { const e = c; if (EX.has(e.localName) || e.hasAttribute('hidden') || e.getAttribute('contenteditable') !== null) n--; } else n++; } return n; });
  time('tw el+text +hasAttributes', () => { const w = document.createTreeWalker(document.body, 5); let n = 0; let c; while ((c = w.nextNode())) { if (c.nodeType === 1) { const e = c; if (EX.has(e.localName) || (e.hasAttributes() && (e.hasAttribute('hidden') || e.getAttribute('contenteditable') !== null))) n--; } else n++; } return n; });
  time('manual', () => { let n = 0; let node = document.body.firstChild; const root = document.body; while (node) { if (node.nodeType === 3) n++; const f = node.firstChild; if (f) { node = f; continue; } while (node && !node.nextSibling) { node = node.parentNode; if (node === root) { node = null; } } if (node) node = node.nextSibling; } return n; });
  time('parentElement map', () => { const w = document.createTreeWalker(document.body, 4); const m = new Map(); let n = 0; let c; while ((c = w.nextNode())) { const pe = c.parentElement; if (!m.has(pe)) m.set(pe, pe.parentElement); n++; } return n; });
  time('concat', () => { const w = document.createTreeWalker(document.body, 4); let s = ''; let c; while ((c = w.nextNode())) s += (c).data; return s.length; });
  return out;
})()`);
console.log(r);
await b.close(); await s.close();
