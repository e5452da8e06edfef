// What the demo scenarios read from a tab, shared so they read it the same way.

/** Each identity in a two-tab scenario and the other one it should see. */
export const eachOther = [
  ['alice', 'bob'],
  ['bob', 'alice'],
];

/** What a tab shows: its room state line, and the identities of its tiles in order. */
export async function tabView(page) {
  return {
    state: await page.textContent('#room-state'),
    sees: await page
      .locator('.tile')
      .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-identity'))),
  };
}
