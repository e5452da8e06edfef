import { readFileSync } from 'node:fs';

/** Chromium's offer for a camera and a microphone, as captured from Chromium 156 (CRLF line ends). */
export const chromiumOffer = readFileSync(
  new URL('../../test/fixtures/chromium-offer.sdp', import.meta.url),
  'utf8',
)
  .trim()
  .replace(/\r?\n/g, '\r\n')
  .concat('\r\n');
