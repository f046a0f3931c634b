/**
 * A turnstile for async work: tasks passed to the returned function run one after another, in call
 * order; a task that fails rejects its own caller and does not stop the next. (p-limit with a
 * concurrency of 1 does the same; six lines are not worth a dependency in every bundle that uses it.)
 */
export function oneAtATime(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const next = last.then(task);
    last = next.catch(() => undefined);
    return next;
  };
}
