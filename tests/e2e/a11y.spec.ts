import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import { seedRecords, seedStore } from './popup-seed';
import { chooseOnPage, expectNaturalSize, GALLERY, image, jobRow } from './steps';
import type { Job } from '../../utils/jobs/schema';

/**
 * Accessibility: axe-core finds no serious or critical violation (contrast, names, labels, roles) on
 * what a person meets: the popup (empty, and with jobs in every state a person can see), Options
 * (plain, and opened for a missing key), the first-run page, the viewer (compare and mask mode), and in
 * a web page our own UI only: the "Enhanced" marker and the pick overlay. Each scheme the pages follow
 * (light and dark) is checked. One browser per group; the only jobs run are short on-device ones.
 */
const BLOCKING = new Set(['serious', 'critical']);

/** The serious and critical violations axe finds, one line each with where: empty when there are none. */
async function violations(page: Page, scope?: { include: string }) {
  let builder = new AxeBuilder({ page });
  if (scope) builder = builder.include(scope.include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => BLOCKING.has(v.impact ?? ''))
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`),
    );
}

/** Checks the page in light and in dark colours (the extension's pages follow the system scheme). */
async function expectNoViolations(page: Page, scope?: { include: string }) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await violations(page, scope), `${colorScheme} colours`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

const HOUR = 60 * 60 * 1000;

/** One job in each state a person can see in the popup, and a batch of four. */
function jobsInEveryState(): Job[] {
  const now = Date.now();
  const running = { result: undefined, page: undefined, finishedAt: undefined, nextAttemptAt: now + HOUR };
  const states: Record<string, Partial<Job>> = {
    'active-0': { progress: 0.42, etaSeconds: 95 },
    'done-0': {
      ...running,
      state: 'waiting',
      progress: null,
      failures: 1,
      error: { kind: 'rate_limited', message: 'HitPaw is busy; trying again shortly.', retryable: true },
    },
    'done-1': { ...running, state: 'needs_decision', progress: null, nextAttemptAt: null },
    'done-2': { ...running, state: 'canceled', nextAttemptAt: null },
    'done-3': { state: 'expired', page: undefined },
    'done-4': { page: { status: 'refused' } },
    'done-5': { page: { status: 'replaced', shown: 'original' } },
  };
  return seedRecords({ total: 13, active: 1, failed: 1, batch: 4, old: 0 }, now).map((job) => ({
    ...job,
    ...states[job.id],
  }));
}

/**
 * The pick overlay and the batch dialog live in closed shadow roots (so the page cannot rewrite what
 * they say will be sent), which axe cannot enter. Through the DevTools protocol, which can, the exact
 * markup (its own style sheet and inline positions included) is copied into an open shadow root on the
 * same page, on a host named `<host>-copy`, for axe to check.
 */
async function copyShadowForAxe(context: BrowserContext, page: Page, host: 'eip-picker' | 'eip-batch') {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type Node = { nodeName: string; backendNodeId: number; children?: Node[]; shadowRoots?: Node[] };
    const find = (node: Node): Node | undefined =>
      node.nodeName === host.toUpperCase()
        ? node
        : [...(node.children ?? []), ...(node.shadowRoots ?? [])].map(find).find(Boolean);
    const shadow = find(root as Node)?.shadowRoots?.[0];
    expect(shadow, `the shadow root of ${host}`).toBeDefined();
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow!.backendNodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId!,
      returnByValue: true,
      arguments: [{ value: `${host}-copy` }],
      // The picker's host carries its box inline; the dialog's comes from its own :host rule.
      functionDeclaration: `function (name) {
        document.querySelector(name)?.remove();
        const host = document.createElement(name);
        if (name === 'eip-picker-copy')
          host.style.cssText = 'all: initial; position: fixed; inset: 0; z-index: 2147483647; pointer-events: none';
        host.attachShadow({ mode: 'open' }).innerHTML = this.innerHTML;
        document.body.append(host);
        return this.textContent;
      }`,
    });
    return String(result.value);
  } finally {
    await cdp.detach();
  }
}

test('the popup, Options and the first-run page', async ({ context, extensionId, openPopup, clickMenu }) => {
  await test.step('popup, no jobs', async () => {
    const popup = await openPopup();
    await expect(popup.getByText(/^No jobs yet/)).toBeVisible();
    await expectNoViolations(popup);
    await popup.close();
  });

  await test.step('popup with jobs of every state, a batch opened', async () => {
    const popup = await openPopup();
    await seedStore(popup, jobsInEveryState());
    await popup.reload();
    await expect(popup.getByText('Needs your decision')).toBeVisible();
    await expect(popup.getByText('Waiting to retry')).toBeVisible();
    await expect(popup.getByText('Expired')).toBeVisible();
    await popup.getByRole('button', { name: /^Batch · / }).click();
    await expect(popup.getByRole('list', { name: /^Batch · / }).getByRole('listitem')).toHaveCount(4);
    await expectNoViolations(popup);
    await popup.close();
  });

  await test.step('popup with its Settings panel open', async () => {
    const popup = await openPopup();
    await popup.getByRole('button', { name: 'Settings' }).click();
    const panel = popup.getByRole('region', { name: 'Settings' });
    // The operations have arrived from the background (more than "The last one I used").
    await expect.poll(() => panel.getByLabel('Default action').locator('option').count()).toBeGreaterThan(1);
    await panel.getByLabel('Background behind cut-outs').selectOption({ label: 'A colour…' });
    await expect(panel.getByLabel('Cut-out background colour')).toBeVisible();
    await expectNoViolations(popup);
    await popup.close();
  });

  await test.step('Options', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await expect(options.getByLabel('HitPaw API key')).toBeVisible();
    await expectNoViolations(options);
    await options.close();
  });

  await test.step('Options opened for a missing key', async () => {
    const page = await context.newPage();
    await page.goto(GALLERY);
    const opened = context.waitForEvent('page', {
      predicate: (p) => p.url().includes('/options.html?missing='),
    });
    await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });
    const options = await opened;
    await expect(options.getByRole('button', { name: 'Use On device instead' })).toBeVisible();
    await expectNoViolations(options);
    await options.close();
    await page.close();
  });

  await test.step('first-run page', async () => {
    const welcome = await context.newPage();
    await welcome.goto(`chrome-extension://${extensionId}/welcome.html`);
    await expect(welcome.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoViolations(welcome);
  });
});

test('the viewer: compare view of a finished job, and mask mode', async ({
  context,
  clickMenu,
  openPopup,
  setKey,
  emulator,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);

  await test.step('compare view', async () => {
    const popup = await openPopup();
    const row = jobRow(popup, 'On device · Upscale 2×');
    await expect(row).toContainText('Done');
    const [viewer] = await Promise.all([
      context.waitForEvent('page'),
      row.getByRole('button', { name: 'Open' }).click(),
    ]);
    await expect(viewer.getByRole('img', { name: 'Result' })).toHaveJSProperty('naturalWidth', 400);
    await expect(viewer.getByRole('slider')).toBeVisible();
    await expectNoViolations(viewer);
    await viewer.close();
    await popup.close();
  });

  await test.step('mask mode', async () => {
    emulator.enhancecraft.addKey('sk_live_e2e_a11y_0001', { credits: 10 });
    await setKey('enhancecraft', 'sk_live_e2e_a11y_0001');
    const [editor] = await Promise.all([
      context.waitForEvent('page'),
      clickMenu(page, { menuItemId: 'enhancecraft:remove-object', srcUrl: image('logo.png') }),
    ]);
    await expect(editor.getByRole('img', { name: 'Image to mask' })).toHaveJSProperty('naturalWidth', 160);
    await expectNoViolations(editor);
    // With the refusal shown (nothing painted yet).
    await editor.getByRole('button', { name: 'Remove' }).click();
    await expect(editor.getByRole('alert')).toBeVisible();
    await expectNoViolations(editor);
  });
});

test('in a web page: the "Enhanced" marker and the pick overlay, our UI only', async ({
  context,
  worker,
  clickMenu,
}) => {
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'on-device:upscale-2x', srcUrl: image('photo.jpg') });
  await expectNaturalSize(page, '#photo', 400, 300);

  await test.step('the marker, shown by keyboard focus', async () => {
    const marker = page.getByRole('button', { name: 'Enhanced · Show original' });
    await marker.focus();
    await expect(marker).toBeVisible();
    await expectNoViolations(page, { include: 'eip-markers' });
  });

  await test.step('the pick overlay', async () => {
    await chooseOnPage(page, await worker({ wake: true }), 'on-device:upscale-2x');
    await expect(page.locator('eip-picker')).toHaveCount(1);
    const logo = (await page.locator('#logo').boundingBox())!;
    await page.mouse.move(logo.x + logo.width / 2, logo.y + logo.height / 2);
    // Copied once the label names what a click would send.
    await expect
      .poll(() => copyShadowForAxe(context, page, 'eip-picker'))
      .toContain('Upscale 2× · On device (free');
    const copy = page.locator('eip-picker-copy');
    await expect(copy.getByRole('status')).toHaveCount(2);
    await expectNoViolations(page, { include: 'eip-picker-copy' });
    await page.keyboard.press('Escape');
  });
});

test('in a web page: the batch dialog, our UI only', async ({ context, worker }) => {
  const page = await context.newPage();
  await page.goto('https://gallery.example.org/batch.html');
  await expectNaturalSize(page, '#demo', 320, 200);
  await chooseOnPage(page, await worker({ wake: true }), 'enhance-all');
  // Copied once the dialog lists the page's pictures with what they cost.
  await expect.poll(() => copyShadowForAxe(context, page, 'eip-batch')).toContain('Total: free, on device');
  const copy = page.locator('eip-batch-copy');
  await expect(copy.getByRole('dialog', { name: 'Enhance all images on this page' })).toBeVisible();
  await expectNoViolations(page, { include: 'eip-batch-copy' });
  await page.keyboard.press('Escape');
});

test('in a web page: the progress ring, the "Enhanced" notice and the compare overlay', async ({
  context,
  emulator,
  setKey,
  clickMenu,
}) => {
  emulator.hitpaw.addKey('e2e-key-a11y', { coins: 100 });
  await setKey('hitpaw', 'e2e-key-a11y');
  emulator.hitpaw.forceNextDuration(6000); // the ring stays while axe reads it
  const page = await context.newPage();
  await page.goto(GALLERY);
  await clickMenu(page, { menuItemId: 'hitpaw-photo:general_2x', srcUrl: image('photo.jpg') });

  await test.step('the ring on the running job’s picture', async () => {
    await expect(page.locator('eip-progress').getByRole('progressbar')).toBeVisible();
    await expectNoViolations(page, { include: 'eip-progress' });
  });

  await expectNaturalSize(page, '#photo', 400, 300);
  const notice = page.locator('eip-notices').getByRole('status').filter({ hasText: 'Enhanced —' });
  await test.step('the "Enhanced — Show original · Compare" notice', async () => {
    await expect(notice).toContainText('Enhanced — Show original · Compare');
    await notice.hover(); // held open while it is read
    await expectNoViolations(page, { include: 'eip-notices' });
  });

  await test.step('the compare overlay', async () => {
    await notice.getByRole('button', { name: 'Compare' }).click();
    await expect(page.locator('eip-compare').getByRole('slider')).toBeFocused();
    await expectNoViolations(page, { include: 'eip-compare' });
    await page.keyboard.press('Escape');
    await expect(page.locator('eip-compare')).toHaveCount(0);
  });
});
