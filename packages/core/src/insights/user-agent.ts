/**
 * The browser and operating system a user agent string names, as far as the common ones go: what a
 * participant summary's `publisher_info` reports. Unknown parts are left out rather than guessed.
 */
export interface UserAgentParts {
  browser_name?: string;
  browser_version?: string;
  os_name?: string;
  os_version?: string;
}

/** Browsers by their token, most specific first (Edge and Opera also say Chrome; Chrome also says Safari). */
const browsers: readonly [name: string, pattern: RegExp][] = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /\bOPR\/([\d.]+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/([\d.]+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS)\/([\d.]+)/],
  ['Safari', /\bVersion\/([\d.]+).*\bSafari\//],
];

const systems: readonly [name: string, pattern: RegExp][] = [
  ['Windows', /\bWindows NT ([\d.]+)/],
  ['Android', /\bAndroid ([\d.]+)/],
  ['iOS', /\b(?:iPhone|CPU) OS ([\d_]+)/],
  ['Mac OS X', /\bMac OS X ([\d_.]+)/],
  ['Chrome OS', /\bCrOS \S+ ([\d.]+)/],
  ['Linux', /\bLinux\b()/],
];

function firstMatch(userAgent: string, table: readonly [string, RegExp][]) {
  for (const [name, pattern] of table) {
    const match = pattern.exec(userAgent);
    if (match) return { name, version: (match[1] ?? '').replace(/_/g, '.') };
  }
  return undefined;
}

export function userAgentParts(userAgent: string): UserAgentParts {
  const browser = firstMatch(userAgent, browsers);
  const system = firstMatch(userAgent, systems);
  return {
    ...(browser ? { browser_name: browser.name, browser_version: browser.version } : {}),
    ...(system ? { os_name: system.name } : {}),
    ...(system?.version ? { os_version: system.version } : {}),
  };
}
