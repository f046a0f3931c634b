import { describe, expect, it } from 'vitest';
import {
  batchTitle,
  elapsedText,
  filterCounts,
  listEntries,
  matchesSearch,
  mergeJobs,
  neverSent,
  PAGE_SIZE,
  visibleCount,
} from '@/components/job-list';
import type { Job } from '@/utils/jobs/schema';
import { makeJob } from '../jobs/job-factory';

const job = (id: string, extra: Partial<Job> = {}) => makeJob({ id, ...extra });
const ids = (entries: ReturnType<typeof listEntries>) =>
  entries.map((entry) =>
    entry.kind === 'job' ? entry.job.id : `${entry.key}[${entry.jobs.map((j) => j.id)}]`,
  );

const jobs = [
  job('run', { state: 'processing' }),
  job('decide', { state: 'needs_decision' }),
  job('ok', { state: 'completed' }),
  job('bad', { state: 'failed' }),
  job('gone', { state: 'expired' }),
  job('stop', { state: 'canceled' }),
  job('wait', { state: 'waiting' }),
];

describe('filters', () => {
  it('Active holds what is still open, Done the results, Failed every ending without one', () => {
    expect(ids(listEntries(jobs, 'active', ''))).toEqual(['run', 'decide', 'wait']);
    expect(ids(listEntries(jobs, 'done', ''))).toEqual(['ok']);
    expect(ids(listEntries(jobs, 'failed', ''))).toEqual(['bad', 'gone', 'stop']);
    expect(ids(listEntries(jobs, 'all', ''))).toHaveLength(7);
    expect(filterCounts(jobs)).toEqual({ all: 7, active: 3, done: 1, failed: 3 });
  });
});

describe('search', () => {
  const onPhotos = job('p', {
    source: { url: 'https://photos.example.com/album/cat.jpg' },
    label: 'Remove background',
    providerName: 'EnhanceCraft',
  });

  it('finds a job by its page host or URL, its operation label or provider, in any case', () => {
    for (const query of ['photos.example', 'cat.jpg', 'ALBUM', 'remove back', 'enhancecraft']) {
      expect(matchesSearch(onPhotos, query), query).toBe(true);
    }
    expect(matchesSearch(onPhotos, 'gallery')).toBe(false);
    expect(matchesSearch(onPhotos, '   ')).toBe(true);
  });

  it('needs every word typed, in any order', () => {
    expect(matchesSearch(onPhotos, 'background photos')).toBe(true);
    expect(matchesSearch(onPhotos, 'background gallery')).toBe(false);
  });

  it('finds an embedded image as such without reading megabytes of its data', () => {
    const embedded = job('d', { source: { url: `data:image/png;base64,${'A'.repeat(5_000_000)}` } });
    expect(matchesSearch(embedded, 'embedded')).toBe(true);
    expect(matchesSearch(embedded, 'data:image/png')).toBe(true);
  });

  it('narrows the list and combines with the filter', () => {
    const list = [
      job('a', { state: 'completed', source: { url: 'https://photos.example.com/a.jpg' } }),
      job('b', { state: 'failed', source: { url: 'https://photos.example.com/b.jpg' } }),
      job('c', { state: 'completed', source: { url: 'https://gallery.example.org/c.jpg' } }),
    ];
    expect(ids(listEntries(list, 'all', 'photos'))).toEqual(['a', 'b']);
    expect(ids(listEntries(list, 'done', 'photos'))).toEqual(['a']);
  });
});

describe('batches', () => {
  const batch = { id: 'b1', size: 4 };
  const list = [
    job('solo-new', { state: 'completed' }),
    job('b-4', { batch, state: 'processing' }),
    job('b-3', { batch, state: 'failed' }),
    job('solo-mid', { state: 'failed' }),
    job('b-2', { batch, state: 'completed' }),
    job('b-1', { batch, state: 'completed' }),
    job('solo-old', { state: 'completed' }),
  ];

  it('fold into one group where the newest of them stands, keeping their order', () => {
    expect(ids(listEntries(list, 'all', ''))).toEqual([
      'solo-new',
      'batch:b1[b-4,b-3,b-2,b-1]',
      'solo-mid',
      'solo-old',
    ]);
  });

  it('count the whole batch in the header whatever the filter shows', () => {
    const group = listEntries(list, 'failed', '').find((entry) => entry.kind === 'batch');
    if (group?.kind !== 'batch') throw new Error('no batch group');
    expect(group.jobs.map((j) => j.id)).toEqual(['b-3']);
    expect(group.summary).toEqual({ size: 4, done: 2, failed: 1, active: 1 });
    expect(batchTitle(group.operation, group.summary)).toBe(
      'Batch · HitPaw · General 2× · 2 of 4 done · 1 failed',
    );
  });

  it('say nothing of failures when there are none, and count a removed job in the size still', () => {
    expect(batchTitle('On device · Upscale 2×', { size: 4, done: 3, failed: 0, active: 0 })).toBe(
      'Batch · On device · Upscale 2× · 3 of 4 done',
    );
  });

  it('leave the list when no job of theirs matches', () => {
    expect(ids(listEntries(list, 'all', 'nothing-like-this'))).toEqual([]);
  });
});

describe('paging', () => {
  it('shows a page at a time, never more than there is', () => {
    expect(visibleCount(1000, 1)).toBe(PAGE_SIZE);
    expect(visibleCount(1000, 3)).toBe(3 * PAGE_SIZE);
    expect(visibleCount(12, 1)).toBe(12);
    expect(visibleCount(1000, 0)).toBe(PAGE_SIZE);
  });
});

describe("a refused job's row", () => {
  const refused = job('r', {
    state: 'failed',
    createdAt: 5_000,
    finishedAt: 5_000,
    error: { kind: 'refused_url', message: 'A private or local address (localhost)', retryable: false },
  });

  it('says "Not sent" instead of a running time of 0 s', () => {
    expect(neverSent(refused)).toBe(true);
    expect(elapsedText(refused, 99_000)).toBe('Not sent');
  });

  it('a job with no room to be recorded was not sent either', () => {
    const full = job('f', {
      state: 'failed',
      error: { kind: 'storage_full', message: 'No room', retryable: false },
    });
    expect(elapsedText(full, 2_000_000)).toBe('Not sent');
  });

  it('a job that was sent and failed shows how long it ran', () => {
    const failed = job('s', {
      state: 'failed',
      createdAt: 0,
      submittedAt: 1_000,
      finishedAt: 65_000,
      error: { kind: 'auth', message: 'Key refused', retryable: false },
    });
    expect(neverSent(failed)).toBe(false);
    expect(elapsedText(failed, 1e9)).toBe('1 min 05 s');
    expect(elapsedText(job('run', { state: 'processing', createdAt: 0 }), 8_000)).toBe('8 s');
  });
});

describe('one changed job', () => {
  const [c, b, a] = [job('c', { createdAt: 3 }), job('b', { createdAt: 2 }), job('a', { createdAt: 1 })];
  const list = [c, b, a];

  it('is swapped in alone: every other record stays the same object, so its row does not render again', () => {
    const updated: Job = { ...b, progress: 0.5 };
    const next = mergeJobs(list, new Map([['b', updated]]));
    expect(next).toEqual([c, updated, a]);
    expect(next[0]).toBe(c);
    expect(next[1]).toBe(updated);
    expect(next[2]).toBe(a);
  });

  it('leaves the list when removed and takes its place by age when new', () => {
    const added = job('new', { createdAt: 4 });
    const next = mergeJobs(
      list,
      new Map<string, Job | undefined>([
        ['a', undefined],
        ['new', added],
      ]),
    );
    expect(next.map((j) => j.id)).toEqual(['new', 'c', 'b']);
  });
});
