/** The Twilio API hosts roomlab answers for: Video, Insights (video summaries) and the core API (keys). */
export const twilioOrigins = [
  'https://video.twilio.com',
  'https://insights.twilio.com',
  'https://api.twilio.com',
] as const;

/** Whether a URL addresses one of Twilio's API hosts (any `*.twilio.com`, including regional and edge hosts). */
export function isTwilioApiUrl(url: URL): boolean {
  return url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'));
}
