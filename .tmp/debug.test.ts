import { it } from 'vitest';
import { HighlightLayer } from '../lib/highlight/layer';
import { buildMatcher } from '../lib/match/load';
import { Scanner } from '../lib/scan/scanner';
const matcher = buildMatcher({ fold: '質质產产', entryIds: ['a','b','c','d','e'], patterns: [['新质生产力',0],['高质量发展',1],['高质量发展是新时代的硬道理',2],['产业',3],['new productive forces',4]] });
const PAGE = ['<h1>加快发展新质生产力</h1>','<p id="p1">发展<b>新质</b>生产力是推动<a href="#">高质量发展</a>的内在要求。</p>','<p id="p2">高质量发展是新时代的硬道理。</p>','<p id="p3">推动产\n业深度转型升级，發展新質生產力。</p>','<p>The new\n<i>productive</i> forces; renew productive forces.</p>','<textarea>新质生产力</textarea><script>"新质生产力"</script><pre>高质量发展</pre>','<div hidden><p>新质生产力</p></div><policy-lens-ui>新质生产力</policy-lens-ui>'].join('');
it('debug', async () => {
  for (const step of [0, 1]) {
    document.body.innerHTML = PAGE.repeat(5);
    let t = 0;
    const layer = new HighlightLayer(new Set());
    const s = new Scanner(document, matcher, layer, { sliceMs: 2, now: () => { const v = t; t += step; return v; }, yieldToPage: () => Promise.resolve(), makeRange: (a, b, c, d) => ({ startContainer: a, startOffset: b, endContainer: c, endOffset: d }) as unknown as AbstractRange });
    await s.scanDocument();
    console.log('COUNT', step, layer.size, JSON.stringify([...layer.hits()].map((h) => h.term)));
  }
});
