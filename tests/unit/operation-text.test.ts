import { describe, expect, it } from 'vitest';
import { costHintText, labelKey, operationLabel, providerLabel } from '@/utils/operation-text';
import { PROVIDERS } from '@/utils/providers';
import { localeNames, readMessages } from './helpers/messages';

const operations = Object.values(PROVIDERS).flatMap((provider) =>
  provider.operations.map((operation) => ({ provider, operation })),
);

describe('operation texts', () => {
  it('has a message for every operation label, the same words in English as the adapter', () => {
    const english = readMessages('en');
    for (const { operation } of operations) {
      expect(english[labelKey(operation.label)]?.message, operation.label).toBe(operation.label);
      expect(operationLabel(operation.label)).toBe(operation.label);
    }
  });

  it('gives different labels different keys', () => {
    const labels = [...new Set(operations.map(({ operation }) => operation.label))];
    expect(new Set(labels.map(labelKey)).size).toBe(labels.length);
  });

  it('translates every label in every locale', () => {
    for (const locale of localeNames()) {
      const messages = readMessages(locale);
      for (const { operation } of operations)
        expect(messages[labelKey(operation.label)], locale).toBeDefined();
    }
  });

  it('reads every price hint of the adapters in English as they wrote it', () => {
    for (const { operation } of operations) {
      if (operation.costHint) expect(costHintText(operation.costHint)).toBe(operation.costHint);
    }
  });

  it('shows a label without a message (a named pipeline) as it is; names brands as they are', () => {
    expect(operationLabel('My crisp copy')).toBe('My crisp copy');
    expect(providerLabel('HitPaw')).toBe('HitPaw');
    expect(providerLabel('On device')).toBe('On device');
  });
});
