import { expect, test } from './harness/fixtures';

const MB = 1024 * 1024;

test('Options shows what kept results use (bytes kept before the size index too) and saves the budget', async ({
  openOptions,
}) => {
  const options = await openOptions();
  const usage = options.getByTestId('kept-usage');
  const field = options.getByLabel('Space for kept results');
  const form = options.locator('form').filter({ has: field });
  await expect(usage).toHaveText(/^0 MB of 500 MB used by kept results\./);
  await expect(field).toHaveValue('500');

  // A result kept by an earlier version, with no size index beside it: real Chromium IndexedDB must
  // count it from the store itself.
  await options.evaluate(async (size) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('enhance-in-place-blobs');
      request.onupgradeneeded = () => request.result.createObjectStore('blobs');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const tx = db.transaction('blobs', 'readwrite');
    tx.objectStore('blobs').put(
      new Blob([new Uint8Array(size)], { type: 'image/png' }),
      'earlier-job:result',
    );
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    db.close();
  }, 3 * MB);
  await options.reload();
  await expect(usage).toHaveText(/^3 MB of 500 MB used by kept results\./);

  await field.fill('200');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(usage).toHaveText('3 MB of 200 MB used by kept results. Saved.');
  await options.reload();
  await expect(field).toHaveValue('200');
  await expect(usage).toHaveText(/^3 MB of 200 MB/);
});
