import { JOB_RECORD_VERSION, type Job } from '@/utils/jobs/schema';

export function makeJob(overrides: Partial<Job> = {}): Job {
  return {
    v: JOB_RECORD_VERSION,
    id: overrides.id ?? crypto.randomUUID(),
    provider: 'hitpaw-photo',
    operation: 'general_2x',
    label: 'General 2×',
    providerName: 'HitPaw',
    media: 'image',
    source: {
      url: 'https://gallery.example.org/images/photo.jpg',
      tabId: 7,
      frameId: 0,
      width: 200,
      height: 150,
    },
    state: 'submitting',
    progress: null,
    createdAt: 1_000_000,
    updatedAt: 1_000_000,
    polls: 0,
    failures: 0,
    incompletePolls: 0,
    nextAttemptAt: null,
    ...overrides,
  };
}
