import { describe, expect, it } from 'vitest';
import { batchConfirmRequest, batchOpenRequest as openSchema, MAX_BATCH_ITEMS } from '@/utils/messages/batch';
import { batchOpenRequest as openGuard } from '@/utils/page/batch/open-request';
import { costRule } from '@/utils/providers/cost-rules';
import { PROVIDERS, menuId } from '@/utils/providers';

const item = (url: string, kind = 'image') => ({ url, kind });

describe('batchConfirm (page → background, parsed with zod)', () => {
  it('takes the chosen operation and up to 100 web, data: or blob: images', () => {
    const ok = {
      menuItemId: 'hitpaw-photo:general_2x',
      items: [
        item('https://gallery.example.org/images/logo.png'),
        item('data:image/png;base64,iVBORw0KGgo='),
        item('blob:https://gallery.example.org/5b1c', 'background'),
      ],
    };
    expect(batchConfirmRequest.parse(ok)).toEqual(ok);
    const many = {
      ...ok,
      items: Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => item(`https://a.example/${i}.jpg`)),
    };
    expect(batchConfirmRequest.safeParse(many).success).toBe(true);
  });

  it.each([
    [
      'too many images',
      { items: Array.from({ length: MAX_BATCH_ITEMS + 1 }, () => item('https://a.example/x.jpg')) },
    ],
    ['no images', { items: [] }],
    ['a script address', { items: [item('javascript:alert(1)')] }],
    ['a data: address that is no image', { items: [item('data:text/html,<script>')] }],
    ['a file address', { items: [item('file:///etc/passwd')] }],
    ['a video', { items: [item('https://a.example/v.mp4', 'video')] }],
    ['no operation', { menuItemId: '' }],
    ['a string where the list goes', { items: 'https://a.example/x.jpg' }],
  ])('refuses %s', (_what, change) => {
    const base = { menuItemId: 'hitpaw-photo:general_2x', items: [item('https://a.example/x.jpg')] };
    expect(batchConfirmRequest.safeParse({ ...base, ...change }).success).toBe(false);
  });
});

describe('batchOpen (background → page): the page guard accepts exactly what the schema does', () => {
  const operation = (id: string) => {
    const [provider, op] = id.split(':') as [keyof typeof PROVIDERS, string];
    const p = PROVIDERS[provider];
    return {
      id,
      label: `${op} · ${p.name}`,
      rule: costRule(
        p,
        p.operations.find((o) => o.id === op)!,
      ),
    };
  };
  const valid = {
    operations: [
      operation(menuId('hitpaw-photo', 'general_2x')),
      operation(menuId('hitpaw-segmentation', PROVIDERS['hitpaw-segmentation'].operations[0]!.id)),
      operation(menuId('on-device', 'upscale-2x')),
      operation(menuId('enhancecraft', 'convert-png')),
      operation(menuId('enhancecraft', 'enhance-2x')),
    ],
    selected: 'on-device:upscale-2x',
  };

  it('passes what the background sends, unchanged, through a message (JSON: no Infinity)', () => {
    const wire = JSON.parse(JSON.stringify(valid));
    expect(openSchema.parse(wire)).toEqual(valid);
    expect(openGuard(wire)).toEqual(valid);
  });

  const broken: [string, unknown][] = [
    ['null', null],
    ['an array', []],
    ['no operations', { ...valid, operations: [] }],
    ['an empty id', { ...valid, operations: [{ ...valid.operations[0], id: '' }] }],
    ['a long label', { ...valid, operations: [{ ...valid.operations[0], label: 'x'.repeat(301) }] }],
    ['an unknown rule', { ...valid, operations: [{ ...valid.operations[0], rule: { kind: 'magic' } }] }],
    [
      'a negative price',
      {
        ...valid,
        operations: [{ ...valid.operations[0], rule: { kind: 'flat', unit: 'coins', amount: -1 } }],
      },
    ],
    [
      'a price in dollars',
      { ...valid, operations: [{ ...valid.operations[0], rule: { kind: 'unknown', unit: 'usd' } }] },
    ],
    [
      'a tier that is no pair',
      {
        ...valid,
        operations: [
          { ...valid.operations[0], rule: { kind: 'by-output', unit: 'coins', scale: 2, tiers: [[8]] } },
        ],
      },
    ],
    [
      'a zero scale',
      {
        ...valid,
        operations: [
          { ...valid.operations[0], rule: { kind: 'by-output', unit: 'coins', scale: 0, tiers: [[8, 10]] } },
        ],
      },
    ],
    ['no selection', { ...valid, selected: '' }],
  ];
  it.each(broken)('both refuse %s', (_what, data) => {
    expect(openSchema.safeParse(data).success).toBe(false);
    expect(() => openGuard(data)).toThrow(TypeError);
  });

  it('the guard keeps only the known fields', () => {
    const extra = { ...valid, evil: 1, operations: [{ ...valid.operations[0], onclick: 'x' }] };
    expect(openGuard(extra)).toEqual({ operations: [valid.operations[0]], selected: valid.selected });
  });
});
