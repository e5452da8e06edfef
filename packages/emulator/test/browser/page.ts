// Runs in Chromium: msw's service worker answers Twilio's REST host from an emulator inside the page.
import { startInBrowser } from '../../src/browser.js';

interface Exchange {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

async function call(method: string, url: string, authorization: string, form?: string): Promise<Exchange> {
  const response = await fetch(url, {
    method,
    headers: { authorization, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body: form,
  });
  return { method, url, status: response.status, body: await response.json() };
}

async function main(): Promise<Exchange[]> {
  const { emulator } = await startInBrowser({ sids: { seed: 'browser' } });
  const { accountSid, authToken } = emulator.credentials;
  const authorization = `Basic ${btoa(`${accountSid}:${authToken}`)}`;
  const rooms = 'https://video.twilio.com/v1/Rooms';
  return [
    await call('POST', rooms, authorization, 'UniqueName=in-the-browser&MaxParticipants=3'),
    await call('GET', `${rooms}/in-the-browser`, authorization),
    await call('POST', rooms, authorization, 'UniqueName=in-the-browser'),
    await call('GET', `${rooms}?PageSize=1`, `Basic ${btoa(`${accountSid}:wrong`)}`),
  ];
}

const target = window as unknown as { roomlabResult?: Promise<Exchange[]> };
target.roomlabResult = main();
