import { useState } from 'react';
import { z } from 'zod';
import { pipelineProblems, pipelineSchema, type Pipeline } from '@/utils/providers/enhancecraft';
import { enhancecraftPipelines } from '@/utils/storage';
import { useSetting } from './use-setting';

/** The documented EnhanceCraft operations a pipeline may use, with an example of their settings. */
const STEP_EXAMPLES: Record<string, string> = {
  enhance: '{"scale": 2}',
  'enhance-anime': '{}',
  'enhance-face': '{"enhancement_level": 0.7}',
  denoise: '{"enhancement_level": 0.5}',
  deblur: '{"strength": 1}',
  'restore-old-photo': '{"auto_repair_damage": true, "enable_colorization": false}',
  'remove-background': '{"output_format": "png"}',
  'replace-background': '{"background_type": "color", "background_color": "#FFFFFF"}',
  'blur-background': '{"blur_radius": 20}',
  'smart-crop': '{"aspect_ratio": "1:1"}',
  'remove-text': '{"auto_detect": true}',
  'compress-optimize': '{"quality": 85}',
  'crop-resize': '{"resize": {"width": 1200, "maintain_aspect": true}}',
  convert: '{"output_format": "webp", "quality": 90}',
};
interface Draft {
  type: string;
  params: string;
}
const listSchema = z.array(pipelineSchema);
const slug = (name: string) =>
  `${
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 24) || 'pipeline'
  }-${Date.now().toString(36)}`;

/**
 * A person's own EnhanceCraft pipelines: an ordered list of documented operations with their settings,
 * validated against the provider's parameter table before saving; each becomes a menu item.
 */
export function PipelineEditor() {
  const [pipelines, setPipelines] = useSetting(enhancecraftPipelines, listSchema);
  const [name, setName] = useState('');
  const [steps, setSteps] = useState<Draft[]>([{ type: 'enhance', params: STEP_EXAMPLES.enhance! }]);
  const [problems, setProblems] = useState<string[]>([]);

  const change = (index: number, patch: Partial<Draft>) =>
    setSteps((list) => list.map((s, i) => (i === index ? { ...s, ...patch } : s)));

  function save(event: React.FormEvent) {
    event.preventDefault();
    const operations: unknown[] = [];
    for (const [i, s] of steps.entries()) {
      try {
        operations.push({ type: s.type, params: s.params.trim() ? JSON.parse(s.params) : {} });
      } catch {
        return setProblems([`Step ${i + 1} (${s.type}): the settings are not valid JSON.`]);
      }
    }
    const candidate = { id: slug(name), name, operations };
    const found = pipelineProblems(candidate);
    setProblems(found);
    if (found.length) return;
    setPipelines([...pipelines, pipelineSchema.parse(candidate)]);
    setName('');
    setSteps([{ type: 'enhance', params: STEP_EXAMPLES.enhance! }]);
  }

  return (
    <div className="pipelines">
      {pipelines.length === 0 ? (
        <p className="muted">No pipelines yet.</p>
      ) : (
        <ul aria-label="Saved pipelines">
          {pipelines.map((p: Pipeline) => (
            <li key={p.id}>
              <strong>{p.name}</strong>{' '}
              <span className="muted">{p.operations.map((s) => s.type).join(' → ')}</span>{' '}
              <button
                type="button"
                onClick={() => setPipelines(pipelines.filter((other) => other.id !== p.id))}
              >
                Delete {p.name}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={save} aria-label="New pipeline">
        <label htmlFor="pipeline-name">Pipeline name</label>
        <input
          id="pipeline-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Crisp web copy"
        />
        <ol>
          {steps.map((s, i) => (
            <li key={i} className="row">
              <select
                aria-label={`Step ${i + 1} operation`}
                value={s.type}
                onChange={(e) =>
                  change(i, { type: e.target.value, params: STEP_EXAMPLES[e.target.value] ?? '{}' })
                }
              >
                {Object.keys(STEP_EXAMPLES).map((type) => (
                  <option key={type}>{type}</option>
                ))}
              </select>
              <input
                aria-label={`Step ${i + 1} settings`}
                value={s.params}
                spellCheck={false}
                onChange={(e) => change(i, { params: e.target.value })}
              />
              <button
                type="button"
                onClick={() => setSteps((list) => list.filter((_, j) => j !== i))}
                disabled={steps.length === 1}
              >
                Remove step {i + 1}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          onClick={() => setSteps((list) => [...list, { type: 'denoise', params: STEP_EXAMPLES.denoise! }])}
        >
          Add step
        </button>{' '}
        <button type="submit" className="primary">
          Save pipeline
        </button>
        {problems.length > 0 && (
          <ul className="error-text" role="alert" aria-label="Pipeline problems">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </form>
    </div>
  );
}
