import { invalidParameter } from './invalid-parameter.js';

export interface Resolution {
  width: number;
  height: number;
}

/** Twilio's default `Resolution` (VGA). */
export const defaultResolution: Resolution = { width: 640, height: 480 };

// Twilio's limits for `Resolution`: 16 <= width <= 1280, 16 <= height <= 1280, width * height <= 921,600.
const minSide = 16;
const maxSide = 1280;
const maxPixels = 921_600;

/** Parses Twilio's `Resolution` parameter, `{width}x{height}` in pixels; absent means 640x480. */
export function parseResolution(value: string | undefined): Resolution {
  if (value === undefined || value === '') return defaultResolution;
  const match = /^(\d{1,5})x(\d{1,5})$/.exec(value);
  if (!match) throw invalidParameter('Resolution', `'${value}' is not of the form {width}x{height}`);
  const width = Number(match[1]);
  const height = Number(match[2]);
  const sideOk = (side: number) => side >= minSide && side <= maxSide;
  if (!sideOk(width) || !sideOk(height))
    throw invalidParameter('Resolution', `width and height must each be from ${minSide} to ${maxSide}`);
  if (width * height > maxPixels)
    throw invalidParameter(
      'Resolution',
      `width x height must be at most ${maxPixels.toLocaleString('en-US')}`,
    );
  return { width, height };
}
