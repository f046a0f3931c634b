/**
 * The one typed message protocol (@webext-core/messaging: one object-shaped payload per message, no
 * `switch` on a type string), one file per audience, because each has its own trust:
 *  - page.ts:      background → page code it injected (and back as replies);
 *  - app.ts:       the extension's own pages (popup, Options, viewer) → background: the schemas the
 *                  background parses with; app-messaging.ts: its names and types, all a sender needs;
 *  - offscreen.ts: background ⇄ the offscreen document that hosts the on-device engine;
 *  - pick.ts:      background ⇄ pick mode's code in a tab's frames (zod/mini: it is injected into pages,
 *                  so it is imported directly there, not through this index).
 * Every receiver checks the sender and zod-parses the payload before acting on it.
 */
export * from './page';
export * from './app';
export * from './app-messaging';
export * from './offscreen';
export * from './pick';
