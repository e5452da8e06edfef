import { describe, expect, it } from 'vitest';
import { userAgentParts } from './user-agent.js';

describe('browser and OS from a user agent', () => {
  it.each([
    [
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
      { browser_name: 'Chrome', browser_version: '131.0.6778.33', os_name: 'Linux' },
    ],
    [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      { browser_name: 'Safari', browser_version: '17.4', os_name: 'Mac OS X', os_version: '10.15.7' },
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91',
      { browser_name: 'Edge', browser_version: '120.0.2210.91', os_name: 'Windows', os_version: '10.0' },
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
      { browser_name: 'Safari', browser_version: '17.2', os_name: 'iOS', os_version: '17.2' },
    ],
    [
      'Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0',
      { browser_name: 'Firefox', browser_version: '121.0', os_name: 'Android', os_version: '14' },
    ],
  ])('reads %s', (userAgent, parts) => {
    expect(userAgentParts(userAgent)).toEqual(parts);
  });

  it('leaves out what it does not recognise', () => {
    expect(userAgentParts('node')).toEqual({});
    expect(userAgentParts('Unknown')).toEqual({});
  });
});
