import { TwilioError } from '@roomlab/core';
import { describe, expect, it } from 'vitest';
import { parseCompositionFormat } from './composition-format.js';
import { parseResolution } from './resolution.js';

function failureOf(parse: () => unknown): TwilioError | undefined {
  try {
    parse();
  } catch (error) {
    if (error instanceof TwilioError) return error;
    throw error;
  }
  return undefined;
}

describe('Resolution', () => {
  it('is 640x480 when absent', () => {
    expect(parseResolution(undefined)).toEqual({ width: 640, height: 480 });
    expect(parseResolution('')).toEqual({ width: 640, height: 480 });
  });

  it.each([
    ['1280x720', 1280, 720],
    ['1024x576', 1024, 576],
    ['320x240', 320, 240],
    ['16x1280', 16, 1280],
    ['720x1280', 720, 1280],
  ])('takes %s', (value, width, height) => {
    expect(parseResolution(value)).toEqual({ width, height });
  });

  it.each([
    ['1281x720', /from 16 to 1280/],
    ['15x100', /from 16 to 1280/],
    ['1280x721', /at most 921,600/],
    ['1280x1280', /at most 921,600/],
    ['640X480', /\{width\}x\{height\}/],
    ['640x', /\{width\}x\{height\}/],
    ['-640x480', /\{width\}x\{height\}/],
  ])('refuses %s with 20001', (value, message) => {
    const error = failureOf(() => parseResolution(value));
    expect(error?.code).toBe(20001);
    expect(error?.message).toMatch(/^Invalid Resolution: /);
    expect(error?.message).toMatch(message);
  });
});

describe('Format', () => {
  it('is webm when absent, and takes mp4 or webm', () => {
    expect(parseCompositionFormat(undefined)).toBe('webm');
    expect(parseCompositionFormat('mp4')).toBe('mp4');
    expect(parseCompositionFormat('webm')).toBe('webm');
  });

  it.each(['mkv', 'MP4', 'mp3'])('refuses %s with 20001', (value) => {
    const error = failureOf(() => parseCompositionFormat(value));
    expect(error?.code).toBe(20001);
    expect(error?.message).toBe(`Invalid Format: '${value}' is not one of mp4, webm`);
  });
});
