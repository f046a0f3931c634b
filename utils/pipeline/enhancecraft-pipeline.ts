import { z } from 'zod';
import { allFree, isPhrase, pipelineStepsSchema, stepsScale } from './enhancecraft-steps';
import { t } from '../i18n';
import type { Operation } from '../providers/types';

/**
 * A person's own EnhanceCraft pipeline (built in Options): up to ten documented operations run as one
 * job. The id becomes part of a menu item id (`enhancecraft:pipeline-<id>`), which is split on `:`, so
 * it is limited to letters, digits, `-` and `_`.
 */
export const pipelineSchema = z.object({
  id: z.string({ error: t('pp_missing') }).regex(/^[A-Za-z0-9_-]{1,40}$/, {
    error: t('pp_id_chars'),
  }),
  name: z
    .string({ error: t('pp_missing') })
    .trim()
    .min(1, { error: t('pp_empty') })
    .max(60, { error: t('pp_max_60') }),
  operations: pipelineStepsSchema,
});

export type Pipeline = z.output<typeof pipelineSchema>;

export function pipelineOperation(pipeline: Pipeline): Operation {
  return {
    id: `pipeline-${pipeline.id}`,
    label: pipeline.name,
    group: 'My pipelines',
    media: 'image',
    scale: stepsScale(pipeline.operations),
    hint: pipeline.operations.map((s) => s.type).join(' → '),
    costHint: allFree(pipeline.operations) ? 'free' : undefined,
    payload: pipeline.operations,
  };
}

const RECT = new Set(['pixels', 'percentage']);
const RECT_PARTS = ['x', 'y', 'width', 'height'];
const SUBJECTS: Record<string, string> = {
  id: t('pipeline_subject_id'),
  name: t('pipeline_subject_name'),
  operations: t('pipeline_subject_pipeline'),
};
const PIPELINE_PHRASES = new Set(
  (['pp_missing', 'pp_id_chars', 'pp_empty', 'pp_max_60'] as const).map((key) => t(key)),
);

/** "Step 2 (deblur): strength" for a path into the operations list; the field's name otherwise. */
function subject(path: readonly PropertyKey[], input: unknown): string {
  const [head, index, ...rest] = path;
  if (head !== 'operations' || typeof index !== 'number')
    return SUBJECTS[String(head)] ?? t('pipeline_subject_pipeline');
  const list = (input as { operations?: unknown[] } | null)?.operations;
  const type = (list?.[index] as { type?: unknown } | undefined)?.type;
  const step =
    typeof type === 'string' && type
      ? t('pipeline_subject_step_type', [index + 1, type.slice(0, 40)])
      : t('pipeline_subject_step', index + 1);
  const field = rest
    .filter((part) => part !== 'params' && part !== 'type')
    .map((part, i, parts) =>
      typeof part === 'number' && RECT.has(String(parts[i - 1])) ? RECT_PARTS[part] : part,
    )
    .map(String);
  return field.length ? `${step}: ${field.join('.')}` : step;
}

/** Readable sentences for the Options page; empty when the pipeline is valid. */
export function pipelineProblems(input: unknown): string[] {
  const result = pipelineSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const message = unknownKeys.length
      ? t('pp_unknown_setting', unknownKeys.map((k) => `“${k}”`).join(', '))
      : issue.message;
    const who = subject(issue.path, input);
    // Our own messages are predicate phrases ("must be …"); zod's defaults are sentences.
    const ours =
      unknownKeys.length > 0 || isPhrase(message) || PIPELINE_PHRASES.has(message) || /^[a-z]/.test(message);
    return ours ? t('pipeline_problem', [who, message]) : `${who}: ${message}`;
  });
}
