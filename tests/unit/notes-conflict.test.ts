import { describe, expect, it } from 'vitest';
import { resolveConflict, type ConflictChoice } from '../../lib/shared/notes/conflict';

const mine = { text: 'mine', tags: ['a', 'B'] };
const theirs = { text: 'theirs', tags: ['b', 'c'] };

describe('resolveConflict', () => {
  it.each<[ConflictChoice, typeof mine, typeof theirs, { text: string; tags: string[] }]>([
    ['theirs', mine, theirs, { text: 'theirs', tags: ['b', 'c'] }],
    ['mine', mine, theirs, { text: 'mine', tags: ['a', 'B'] }],
    ['merge', mine, theirs, { text: 'theirs\n\nmine', tags: ['b', 'c', 'a'] }],
    ['merge', { text: 'same', tags: [] }, { text: 'same', tags: [] }, { text: 'same', tags: [] }],
    ['merge', { text: '  ', tags: [] }, { text: 'kept', tags: [] }, { text: 'kept', tags: [] }],
    ['merge', { text: 'kept', tags: [] }, { text: '', tags: [] }, { text: 'kept', tags: [] }],
  ])('%s of %j and %j', (choice, m, t, expected) => {
    expect(resolveConflict(choice, m, t)).toEqual(expected);
  });
});
