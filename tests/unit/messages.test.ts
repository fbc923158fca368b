import { describe, expect, it } from 'vitest';
import { parseBackgroundRequest } from '../../lib/protocol/to-background';
import { fromThisExtension, parseContentRequest } from '../../lib/protocol/to-content';

const MALFORMED: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['a string', 'page-report'],
  ['a number', 1],
  ['an array', [{ type: 'page-report' }]],
  ['an empty object', {}],
  ['an unknown type', { type: 'delete-everything' }],
  ['a type of the wrong case', { type: 'PAGE-REPORT' }],
  ['a non-string type', { type: 1 }],
];

describe('parseContentRequest', () => {
  it('accepts a page report request', () => {
    expect(parseContentRequest({ type: 'page-report' })).toEqual({ type: 'page-report' });
  });

  it.each<[string, unknown]>([
    ...MALFORMED,
    ['extra keys', { type: 'page-report', html: '<img onerror=alert(1)>' }],
    ['a background request', { type: 'get-term', id: 'x' }],
  ])('rejects %s', (_name, msg) => {
    expect(parseContentRequest(msg)).toBeNull();
  });

  it('returns a copy, not the message object', () => {
    const msg = { type: 'page-report' };
    const parsed = parseContentRequest(msg);
    expect(parsed).toEqual(msg);
    expect(parsed).not.toBe(msg);
  });
});

describe('parseBackgroundRequest', () => {
  it.each([
    ['a term id', { type: 'get-term', id: 'new-quality-productive-forces' }],
    ['an empty id', { type: 'get-term', id: '' }],
    ['an id of 200 characters', { type: 'get-term', id: 'x'.repeat(200) }],
  ])('accepts %s', (_name, msg) => {
    expect(parseBackgroundRequest(msg)).toEqual(msg);
  });

  it.each<[string, unknown]>([
    ...MALFORMED,
    ['a missing id', { type: 'get-term' }],
    ['a numeric id', { type: 'get-term', id: 7 }],
    ['a null id', { type: 'get-term', id: null }],
    ['an id of 201 characters', { type: 'get-term', id: 'x'.repeat(201) }],
    ['extra keys', { type: 'get-term', id: 'x', extra: true }],
    ['a content request', { type: 'page-report' }],
  ])('rejects %s', (_name, msg) => {
    expect(parseBackgroundRequest(msg)).toBeNull();
  });
});

describe('fromThisExtension', () => {
  const OWN = 'abcdefghijklmnopabcdefghijklmnop';
  it.each<[string, { id?: string } | undefined, boolean]>([
    ['our own id', { id: OWN }, true],
    ['another extension', { id: 'ponmlkjihgfedcbaponmlkjihgfedcba' }, false],
    ['no id (a web page)', {}, false],
    ['no sender', undefined, false],
    ['an empty id', { id: '' }, false],
    ['an id differing in case', { id: OWN.toUpperCase() }, false],
    ['a prefix of our id', { id: OWN.slice(0, 10) }, false],
  ])('%s → %s', (_name, sender, expected) => {
    expect(fromThisExtension(sender, OWN)).toBe(expected);
  });

  it('an empty own id never matches a sender without id', () => {
    expect(fromThisExtension({}, '')).toBe(false);
  });
});
