// Runs inside the network namespace zero-code.test.ts makes: the demo server with roomlab's proxy on
// (ROOMLAB_CA_DIR), so the page gets no wsServer, then two Chromium tabs started with only the flags
// the server printed, whose unmodified SDK signals to Twilio's own host through the proxy. Prints one
// JSON line.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '@roomlab/test-harness';
import { startDemoServer } from './demo-server.mjs';
import { eachOther, tabView } from './tab-view.mjs';

const caDir = await mkdtemp(join(tmpdir(), 'roomlab-ca-'));
const { server, printed, shown } = await startDemoServer({ ROOMLAB_CA_DIR: caDir });
const demo = shown('roomlab demo on');
const chromiumFlags = /Chromium flags: (.+)/.exec(printed)?.[1]?.split(' ') ?? [];
const result = { chromiumFlags, tokenFields: [], tabs: {}, error: null };
const browser = await launchChromium({ media: true, args: chromiumFlags });
try {
  // What the page is told: no wsServer, so the SDK uses its default, wss://global.vss.twilio.com.
  result.tokenFields = Object.keys(await (await fetch(`${demo}/token?identity=probe&room=x`)).json());
  const tabs = {};
  for (const [identity] of eachOther) {
    tabs[identity] = await browser.newPage({ viewport: { width: 800, height: 600 } });
    await tabs[identity].goto(`${demo}/?identity=${identity}&room=zero-code`);
    await tabs[identity].getByRole('button', { name: 'Join' }).click();
  }
  for (const [identity, other] of eachOther) {
    await tabs[identity].waitForFunction(
      (who) => document.querySelector(`.tile[data-identity="${who}"] video`)?.videoWidth > 0,
      other,
      { timeout: 30_000 },
    );
    result.tabs[identity] = await tabView(tabs[identity]);
  }
} catch (error) {
  result.error = String(error);
  result.pages = await Promise.all(
    browser
      .contexts()
      .flatMap((context) => context.pages())
      .map((page) => page.textContent('body')),
  );
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(JSON.stringify(result));
