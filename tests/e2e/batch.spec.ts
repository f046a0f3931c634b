import type { CDPSession, Page, Worker } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { chooseOnPage, expectNaturalSize, submits, trafficFromNow } from './steps';

const BATCH_PAGE = 'https://gallery.example.org/batch.html';
const KEY = 'hp-batch-key-0001';

/**
 * The dialog lives in a closed shadow root: page scripts cannot reach it, and neither do Playwright's
 * locators. The DevTools protocol sees through it (as the browser's accessibility tree does), so the
 * test reads it and finds where its controls are on screen, then uses the real mouse and keyboard.
 */
class Dialog {
  private constructor(
    private readonly page: Page,
    private readonly cdp: CDPSession,
  ) {}

  static async of(page: Page) {
    return new Dialog(page, await page.context().newCDPSession(page));
  }

  /** The node id of the first match inside the dialog's closed root, or undefined. */
  private async find(selector: string): Promise<number | undefined> {
    const { root } = await this.cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type Node = { nodeId: number; localName?: string; shadowRoots?: Node[]; children?: Node[] };
    const hostOf = (node: Node): Node | undefined =>
      node.localName === 'eip-batch'
        ? node
        : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(hostOf).find(Boolean);
    const shadow = hostOf(root as Node)?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { nodeId } = await this.cdp.send('DOM.querySelector', { nodeId: shadow.nodeId, selector });
    return nodeId || undefined;
  }

  private async call<T>(selector: string, fn: string): Promise<T> {
    const nodeId = await this.find(selector);
    if (!nodeId) throw new Error(`No ${selector} in the dialog`);
    const { object } = await this.cdp.send('DOM.resolveNode', { nodeId });
    const { result } = await this.cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      functionDeclaration: fn,
      returnByValue: true,
    });
    return result.value as T;
  }

  isOpen = async () => (await this.find('[role="dialog"]')) !== undefined;
  text = () => this.call<string>('[role="dialog"]', 'function () { return this.innerText; }');
  rows = () =>
    this.call<string[]>(
      'ul',
      'function () { return [...this.querySelectorAll("li")].map((li) => li.innerText.trim()); }',
    );
  focused = () =>
    this.call<string>(
      '[role="dialog"]',
      'function () { const a = this.getRootNode().activeElement; return a ? a.localName : ""; }',
    );
  options = () =>
    this.call<string[]>('select', 'function () { return [...this.options].map((o) => o.textContent); }');
  selectedIndex = () => this.call<number>('select', 'function () { return this.selectedIndex; }');

  /** A real mouse click at the centre of the control. */
  async click(selector: string) {
    const nodeId = await this.find(selector);
    if (!nodeId) throw new Error(`No ${selector} in the dialog`);
    await this.cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId });
    const { model } = await this.cdp.send('DOM.getBoxModel', { nodeId });
    const [x1, y1, , , x3, y3] = model.content;
    await this.page.mouse.click((x1! + x3!) / 2, (y1! + y3!) / 2);
  }

  /** Chooses an operation with the keyboard, as a person would on the focused list. */
  async choose(label: string) {
    const index = (await this.options()).findIndex((text) => text.startsWith(label));
    expect(index, label).toBeGreaterThanOrEqual(0);
    await this.call('select', 'function () { this.focus(); }');
    const delta = index - (await this.selectedIndex());
    for (let i = 0; i < Math.abs(delta); i++)
      await this.page.keyboard.press(delta > 0 ? 'ArrowDown' : 'ArrowUp');
    await expect.poll(() => this.selectedIndex()).toBe(index);
  }
}

/** The job records as the background stores them (read in the worker). */
function jobRecords(sw: Worker) {
  return sw.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('enhance-in-place-jobs');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = await new Promise<unknown[]>((resolve, reject) => {
      const request = db.transaction('jobs').objectStore('jobs').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return (
      all as { id?: string; state: string; source: { url: string }; batch?: { id: string; size: number } }[]
    )
      .filter((job) => typeof job.id === 'string' && job.source)
      .map(({ state, source, batch }) => ({ state, url: source.url, batch }));
  });
}

async function loaded(page: Page) {
  await page.goto(BATCH_PAGE);
  await expectNaturalSize(page, '#logo', 160, 100);
  await expectNaturalSize(page, '#photo', 200, 150);
  await expectNaturalSize(page, '#demo', 320, 200);
  await expectNaturalSize(page, '#inner', 240, 160);
}

test('from the page menu: five images listed with the HitPaw coin total, one unticked, four sent and replaced at 2×', async ({
  context,
  emulator,
  worker,
  setKey,
}) => {
  emulator.hitpaw.addKey(KEY, { coins: 1000 });
  await setKey('hitpaw', KEY);
  const page = await context.newPage();
  await loaded(page);
  const sw = await worker({ wake: true });

  await chooseOnPage(page, sw, 'enhance-all');
  const dialog = await Dialog.of(page);
  await expect.poll(() => dialog.isOpen()).toBe(true);
  // Five images of at least 64 px a side (the 16-px icon is left out), each URL once.
  expect(await dialog.rows()).toEqual([
    expect.stringMatching(/^logo\.png · 160×100 · /),
    expect.stringMatching(/^photo\.jpg · 200×150 · /),
    expect.stringMatching(/^remote\.jpg · 180×120 · /),
    expect.stringMatching(/^demo-4\.png · 320×200 · /),
    expect.stringMatching(/^pictured\.jpg · 240×160 · /),
  ]);
  expect(await dialog.focused()).toBe('select'); // the keyboard starts on the operation

  await dialog.choose('General 2× · HitPaw');
  await expect.poll(() => dialog.text()).toContain('Total: 50 coins');
  expect(await dialog.rows()).toEqual(Array(5).fill(expect.stringMatching(/ · 10 coins$/)));
  expect(await dialog.text()).toContain('Enhance 5 images');
  expect(submits(emulator)).toHaveLength(0); // nothing is sent before the person confirms

  await dialog.click('li:nth-child(2) input[type="checkbox"]'); // photo.jpg
  await expect.poll(() => dialog.text()).toContain('Total: 40 coins');
  expect(await dialog.text()).toContain('Enhance 4 images');
  await dialog.click('button.go');
  await expect.poll(() => dialog.isOpen()).toBe(false);

  await expectNaturalSize(page, '#logo', 320, 200);
  await expectNaturalSize(page, '#demo', 640, 400);
  await expectNaturalSize(page, '#inner', 480, 320);
  const tile = page.locator('#tile');
  await expect
    .poll(() => tile.evaluate((el) => getComputedStyle(el).backgroundImage))
    .not.toContain('remote.jpg');
  await expect(page.locator('#photo')).toHaveJSProperty('naturalWidth', 200); // unticked: untouched
  expect(submits(emulator)).toHaveLength(4);
  expect(emulator.hitpaw.coins(KEY)).toBe(1000 - 40); // what HitPaw charged is the total the dialog showed

  const jobs = await jobRecords(sw);
  expect(jobs).toHaveLength(4);
  const [first] = jobs;
  for (const job of jobs) expect(job.batch).toEqual({ id: first!.batch!.id, size: 4 });
  expect(jobs.map((j) => j.url.split('/').pop()).sort()).toEqual([
    'demo-4.png',
    'logo.png',
    'pictured.jpg',
    'remote.jpg',
  ]);
  await expect.poll(async () => (await jobRecords(sw)).every((j) => j.state === 'completed')).toBe(true);
});

test('from the toolbar popup: on device, "free, on device", Esc closes without sending, then all five replaced', async ({
  context,
  emulator,
  worker,
}) => {
  const page = await context.newPage();
  await loaded(page);
  const sent = trafficFromNow(context, emulator);
  const sw = await worker({ wake: true });

  // The popup in a window of its own (Playwright cannot open the real one), over the page's window.
  const openPopup = async () => {
    const opened = context.waitForEvent('page');
    await sw.evaluate(() =>
      chrome.windows.create({ url: chrome.runtime.getURL('/popup.html'), type: 'popup' }),
    );
    const popup = await opened;
    await popup.getByRole('button', { name: 'Enhance all images on this page…' }).click();
  };
  await openPopup();
  const dialog = await Dialog.of(page);
  await expect.poll(() => dialog.isOpen()).toBe(true);
  await expect.poll(() => dialog.text()).toContain('Total: free, on device');
  expect(await dialog.rows()).toHaveLength(5);
  expect(await dialog.rows()).toEqual(Array(5).fill(expect.stringMatching(/ · free, on device$/)));

  await page.bringToFront();
  expect(await dialog.focused()).toBe('select');
  await page.keyboard.press('Escape');
  await expect.poll(() => dialog.isOpen()).toBe(false);
  expect(await jobRecords(sw)).toEqual([]);

  await openPopup();
  await expect.poll(() => dialog.isOpen()).toBe(true);
  await expect.poll(() => dialog.text()).toContain('Enhance 5 images');
  await dialog.click('button.go');
  await expectNaturalSize(page, '#logo', 320, 200);
  await expectNaturalSize(page, '#photo', 400, 300);
  await expectNaturalSize(page, '#demo', 640, 400);
  await expectNaturalSize(page, '#inner', 480, 320);
  const jobs = await jobRecords(sw);
  expect(jobs).toHaveLength(5);
  expect(new Set(jobs.map((j) => j.batch?.id)).size).toBe(1);
  expect(sent()).toEqual({ emulated: [], requests: [] }); // nothing left the browser
});
