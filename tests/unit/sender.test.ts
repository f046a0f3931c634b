import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { fromExtensionPage } from '@/utils/sender';

const ID = fakeBrowser.runtime.id;
const own = (path: string) => `chrome-extension://${ID}/${path}`;
const tab = { id: 12, url: 'https://gallery.example.org/' };

describe('the one sender check', () => {
  it('trusts this extension’s own pages: popup, Options, the offscreen document, one opened in a tab', () => {
    expect(fromExtensionPage({ id: ID, url: own('popup.html') })).toBe(true);
    expect(fromExtensionPage({ id: ID, url: own('offscreen.html') })).toBe(true);
    expect(fromExtensionPage({ id: ID, tab, url: own('viewer.html?job=1') })).toBe(true);
  });

  it('refuses this extension’s content script in a web page (same id, the page’s url)', () => {
    expect(fromExtensionPage({ id: ID, tab, url: 'https://gallery.example.org/' })).toBe(false);
    expect(fromExtensionPage({ id: ID, tab })).toBe(false);
  });

  it('refuses a page that names our origin only in its path or query', () => {
    const spoof = `https://evil.example/chrome-extension://${ID}/popup.html`;
    expect(fromExtensionPage({ id: ID, tab, url: spoof })).toBe(false);
    expect(fromExtensionPage({ id: ID, tab, url: `https://evil.example/?u=${own('x')}` })).toBe(false);
    expect(fromExtensionPage({ id: ID, tab, url: 'not a url' })).toBe(false);
    expect(fromExtensionPage({ id: ID, tab, url: 'chrome-extension://another-extension/popup.html' })).toBe(
      false,
    );
  });

  it('refuses another extension, even one of its pages, and a sender with no id', () => {
    expect(
      fromExtensionPage({ id: 'another-extension', url: 'chrome-extension://another-extension/p.html' }),
    ).toBe(false);
    expect(fromExtensionPage({ id: 'another-extension', tab, url: own('popup.html') })).toBe(false);
    expect(fromExtensionPage({ url: own('popup.html') })).toBe(false);
    expect(fromExtensionPage({})).toBe(false);
    expect(fromExtensionPage(undefined)).toBe(false);
  });
});
