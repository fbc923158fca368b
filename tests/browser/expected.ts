/** What the cases fixture must paint: [nearest id, text with whitespace squashed], in order. */
export const CASES_EXPECTED: [string, string][] = [
  ['title', '新质生产力'],
  ['plain', '新质生产力'],
  ['plain', '高质量发展'],
  ['cross-tag', '新质生产力'],
  ['cross-tag', '高质量发展'],
  ['line-break', '高质量 发展'],
  ['longest', '高质量发展是新时代的硬道理'],
  ['cb2', '生产力'],
  ['trad', '新質生產力'],
  ['formula', '高科技，高效能，高质量'],
  ['english', 'New Quality Productive Forces'],
  ['english', 'new productive forces'],
  ['english', 'productive forces'],
  ['li1', '数字经济'],
  ['li2', '绿色金融'],
  // 碳达峰 | 碳中和 in two table cells: each explained, never joined into 碳达峰碳中和.
  ['td1', '碳达峰'],
  ['td2', '碳中和'],
  ['dark', '绿色金融'],
];

export const squash = (s: string) => s.replace(/\s+/g, ' ');
