import type { BackdropChoice } from '../common/protocol';

/** Every property a backdrop may set: all are saved with the original and put back with it. */
export const BACKDROP_PROPERTIES = [
  'background-color',
  'background-image',
  'background-size',
  'background-position',
  'background-repeat',
] as const;

/** One gradient, so the pattern needs no image file (an `img-src` CSP could refuse a data: URL). */
const CHECKERBOARD = 'repeating-conic-gradient(#cccccc 0% 25%, #ffffff 0% 50%)';

/**
 * The inline declarations that show `backdrop` behind a transparent result. 'transparent' sets nothing, so
 * whatever the page puts behind the image shows. A colour also sets `background-image: none`: lazy loaders
 * often park a blurred placeholder there, which would show through a cut-out.
 */
export function backdropDeclarations(backdrop: BackdropChoice | undefined): [string, string][] {
  if (backdrop === undefined || backdrop === 'transparent') return [];
  if (backdrop === 'checkerboard') {
    return [
      ['background-color', '#ffffff'],
      ['background-image', CHECKERBOARD],
      ['background-size', '16px 16px'],
      ['background-position', '0 0'],
      ['background-repeat', 'repeat'],
    ];
  }
  const colour = backdrop === 'white' ? '#ffffff' : backdrop.toLowerCase();
  return [
    ['background-color', colour],
    ['background-image', 'none'],
  ];
}

/**
 * Sets the backdrop's declarations. `!important`: the person chose it, and an inline important declaration
 * beats the page's stylesheets (even their `!important` rules) without touching them.
 */
export function styleBackdrop(el: HTMLElement, backdrop: BackdropChoice | undefined): void {
  for (const [name, value] of backdropDeclarations(backdrop)) el.style.setProperty(name, value, 'important');
}

/** 'transparent' and no backdrop look the same; colours compare case-insensitively. */
export const sameBackdrop = (a: BackdropChoice | undefined, b: BackdropChoice | undefined): boolean =>
  (a ?? 'transparent').toLowerCase() === (b ?? 'transparent').toLowerCase();
