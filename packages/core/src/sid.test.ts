import { describe, expect, it } from 'vitest';
import { specDocuments } from './conformance/spec-documents.js';
import { isSid, randomSidSource, seededSidSource, sidPrefixes } from './sid.js';

describe('SIDs', () => {
  it('makes SIDs of Twilio’s form: two letters and 32 lower-case hex digits', () => {
    const random = randomSidSource();
    expect(random('RM')).toMatch(/^RM[0-9a-f]{32}$/);
    expect(seededSidSource('x')('PA')).toMatch(/^PA[0-9a-f]{32}$/);
  });

  it('never repeats random SIDs, across many refills of the random bytes they are drawn from', () => {
    const random = randomSidSource();
    const sids = Array.from({ length: 2000 }, () => random('PA'));
    expect(new Set(sids).size).toBe(2000);
    expect(sids.every((sid) => /^PA[0-9a-f]{32}$/.test(sid))).toBe(true);
  });

  it('repeats the same sequence for the same seed, a different one for another seed', () => {
    const take = (seed: string) => {
      const source = seededSidSource(seed);
      return [source('RM'), source('PA'), source('MT')];
    };
    expect(take('alpha')).toEqual(take('alpha'));
    expect(take('alpha')).not.toEqual(take('beta'));
  });

  it('resumes a seeded sequence from a counter', () => {
    const source = seededSidSource('resume');
    source('RM');
    source('RM');
    const third = source('RM');
    expect(source.counter).toBe(3);
    expect(seededSidSource('resume', 2)('RM')).toBe(third);
  });

  it('never repeats across 20,000 seeded SIDs', () => {
    const source = seededSidSource('unique');
    const made = new Set(Array.from({ length: 20_000 }, () => source('RM')));
    expect(made.size).toBe(20_000);
  });

  it('checks the form and the prefix', () => {
    expect(isSid(`RM${'a'.repeat(32)}`, 'RM')).toBe(true);
    expect(isSid(`RM${'a'.repeat(32)}`, 'PA')).toBe(false);
    expect(isSid(`RM${'A'.repeat(32)}`)).toBe(false);
    expect(isSid(`RM${'a'.repeat(31)}`)).toBe(false);
  });

  it('knows the SID prefix of every Video resource in Twilio’s spec', () => {
    const prefixes = new Set<string>();
    for (const schema of Object.values(specDocuments.video.components.schemas)) {
      const pattern = (schema as { properties?: { sid?: { pattern?: string } } }).properties?.sid?.pattern;
      const match = pattern ? /^\^([A-Z]{2})\[0-9a-fA-F\]\{32\}\$$/.exec(pattern) : null;
      if (match?.[1]) prefixes.add(match[1]);
    }
    expect([...prefixes].sort()).toEqual(['CJ', 'HK', 'MT', 'PA', 'RM', 'RT']);
    for (const prefix of prefixes) expect(Object.values(sidPrefixes)).toContain(prefix);
  });
});
