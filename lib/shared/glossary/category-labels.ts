import type { Category } from './schema';

const LABELS: Record<Category, { zh: string; en: string }> = {
  concept: { zh: '概念', en: 'Concept' },
  policy: { zh: '政策', en: 'Policy' },
  goal: { zh: '目标', en: 'Goal' },
  green: { zh: '绿色发展', en: 'Green development' },
  reform: { zh: '改革开放', en: 'Reform and opening-up' },
  talent: { zh: '科教人才', en: 'Science, education, talent' },
  distribution: { zh: '收入分配', en: 'Income distribution' },
  institution: { zh: '机构', en: 'Institution' },
  formula: { zh: '提法', en: 'Set phrase' },
};

export function categoryLabel(c: Category): { zh: string; en: string } {
  return LABELS[c];
}
