import { useEffect, useState } from 'react';
import { settingsMessaging, type OperationChoice } from '@/utils/messages/settings';

/**
 * The operations of the menus (labels as the menus show them), asked of the background once per field;
 * empty while it answers or when it cannot.
 */
export function useOperationChoices(wanted: boolean): OperationChoice[] {
  const [choices, setChoices] = useState<OperationChoice[]>([]);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    settingsMessaging
      .sendMessage('operationChoices')
      .then(({ choices }) => live && setChoices(choices))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [wanted]);
  return choices;
}

/** The choices by menu path ("Enhance image › Upscale"), in the menus' order. */
export function groupChoices(choices: readonly OperationChoice[]): [string, OperationChoice[]][] {
  const groups = new Map<string, OperationChoice[]>();
  for (const choice of choices) groups.set(choice.group, [...(groups.get(choice.group) ?? []), choice]);
  return [...groups];
}
