import type { BatchOpen } from '../../messages/batch';
import type { CostRule } from '../../cost-estimate';

/**
 * The batch code's check of what the background sends to open the dialog: hand-written, because this
 * code is injected into pages and a schema library would be most of its size. Returns fresh objects with
 * only the known fields, or throws; a test holds it to what `batchOpenRequest` (zod) accepts.
 */
export function batchOpenRequest(data: unknown): BatchOpen {
  const d = record(data, 'request');
  const list = d.operations;
  if (!Array.isArray(list) || list.length < 1 || list.length > 300) fail('operations');
  const operations = list.map((item: unknown) => {
    const o = record(item, 'operation');
    return { id: text(o.id, 'id', 200), label: text(o.label, 'label', 300), rule: rule(o.rule) };
  });
  return { operations, selected: text(d.selected, 'selected', 200) };
}

function rule(value: unknown): CostRule & BatchOpen['operations'][number]['rule'] {
  const r = record(value, 'rule');
  switch (r.kind) {
    case 'device':
    case 'free':
      return { kind: r.kind };
    case 'unknown':
      return { kind: 'unknown', unit: unit(r.unit) };
    case 'flat':
      return { kind: 'flat', unit: unit(r.unit), amount: amount(r.amount) };
    case 'by-output': {
      const scale =
        typeof r.scale === 'number' && Number.isFinite(r.scale) && r.scale > 0 ? r.scale : fail('scale');
      const tiers = r.tiers;
      if (!Array.isArray(tiers) || tiers.length < 1 || tiers.length > 20) fail('tiers');
      return {
        kind: 'by-output',
        unit: unit(r.unit),
        scale,
        tiers: tiers.map((t: unknown): [number, number] =>
          Array.isArray(t) && t.length === 2 ? [amount(t[0]), amount(t[1])] : fail('tier'),
        ),
      };
    }
    default:
      return fail('kind');
  }
}

function record(value: unknown, name: string): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(name);
}

const unit = (value: unknown) => (value === 'coins' || value === 'credits' ? value : fail('unit'));
const amount = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fail('amount');

/** Lengths in characters (code points), as the reference schema counts them. */
function text(value: unknown, name: string, max: number): string {
  const length = typeof value === 'string' ? [...value].length : 0;
  return length >= 1 && length <= max ? (value as string) : fail(name);
}

function fail(name: string): never {
  throw new TypeError(`Invalid ${name}.`);
}
