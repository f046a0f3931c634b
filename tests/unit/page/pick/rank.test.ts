import { describe, expect, it } from 'vitest';
import { MIN_SIDE, rankCandidates, stackOf, type RankInput } from '@/utils/page/pick/rank';

const box = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });
const cand = (name: string, over: Partial<RankInput> = {}): RankInput & { name: string } => ({
  name,
  rect: box(0, 0, 300, 200),
  stack: 0,
  order: 0,
  visible: true,
  ...over,
});
const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('stackOf: paint order from hit testing', () => {
  // A gallery: <figure><img style="pointer-events:none"><div class="overlay"></div></figure>
  const [html, body, figure, overlay, img] = ['html', 'body', 'figure', 'overlay', 'img'];
  const hits = [overlay, figure, body, html]; // what elementsFromPoint returns: the img is skipped

  it('places an element hit testing skipped just above its nearest hit ancestor', () => {
    expect(stackOf([img, figure, body, html], hits)).toBe(0.5);
    expect(stackOf([img, figure, body, html], hits)).toBeLessThan(stackOf([figure, body, html], hits));
  });

  it('gives a hit element its own place, and one with no hit ancestor the bottom', () => {
    expect(stackOf([overlay, figure], hits)).toBe(0);
    expect(stackOf([body, html], hits)).toBe(2);
    expect(stackOf(['elsewhere'], hits)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('rankCandidates', () => {
  it('keeps only visible, non-empty boxes that contain the point', () => {
    const ranked = rankCandidates(50, 50, [
      cand('hidden', { visible: false }),
      cand('empty', { rect: box(0, 0, 0, 0) }),
      cand('elsewhere', { rect: box(400, 0, 100, 100) }),
      cand('edge', { rect: box(50, 50, 100, 100) }), // its top-left corner is the point: inside
      cand('right-edge', { rect: box(0, 0, 50, 100) }), // ends at x = 50: outside
    ]);
    expect(names(ranked)).toEqual(['edge']);
  });

  it('prefers the element nearest the viewer: an image under an overlay beats the page background', () => {
    const ranked = rankCandidates(100, 100, [
      cand('body background', { rect: box(0, 0, 1200, 3000), stack: 2, order: 1 }),
      cand('img under overlay', { rect: box(20, 20, 300, 200), stack: 0.5, order: 5 }),
    ]);
    expect(names(ranked)).toEqual(['img under overlay', 'body background']);
  });

  it('puts icons and tracking pixels after any real picture, even above it', () => {
    const ranked = rankCandidates(10, 10, [
      cand('photo', { rect: box(0, 0, 400, 300), stack: 3 }),
      cand('badge', { rect: box(0, 0, MIN_SIDE - 1, 40), stack: 0 }),
    ]);
    expect(names(ranked)).toEqual(['photo', 'badge']);
    // Alone, a small image can still be picked.
    expect(names(rankCandidates(10, 10, [cand('badge', { rect: box(0, 0, 20, 20) })]))).toEqual(['badge']);
  });

  it('breaks a tie in paint order by document order (later paints above), then by the larger box', () => {
    const siblings = rankCandidates(10, 10, [
      cand('first', { stack: 1.5, order: 3 }),
      cand('second', { stack: 1.5, order: 4 }),
    ]);
    expect(names(siblings)).toEqual(['second', 'first']);
    const sameOrder = rankCandidates(10, 10, [
      cand('small', { rect: box(0, 0, 100, 100), stack: 1, order: 2 }),
      cand('large', { rect: box(0, 0, 500, 500), stack: 1, order: 2 }),
    ]);
    expect(names(sameOrder)).toEqual(['large', 'small']);
  });
});
