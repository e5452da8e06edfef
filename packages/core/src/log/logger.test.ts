import { describe, expect, it } from 'vitest';
import { memoryLogger } from './logger.js';

describe('memoryLogger', () => {
  it('keeps each report with its level and cause', () => {
    const logger = memoryLogger();
    const cause = new Error('boom');
    logger.error('a listener failed', cause);
    logger.warn('slow');
    expect(logger.entries).toEqual([
      { level: 'error', message: 'a listener failed', cause },
      { level: 'warn', message: 'slow' },
    ]);
  });
});
