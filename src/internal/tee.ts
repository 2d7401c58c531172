// Splits one async iterator into two that each see every item, for `Stream.tee()`.

/**
 * Each branch reads at its own pace: an item read by one is queued for the other (as a promise,
 * so an error reaches both). A branch that is abandoned (`return()`) stops receiving; the source
 * is returned (for a stream: the request cancelled) only when both branches are done or abandoned.
 */
export function teeIterator<T>(source: AsyncIterator<T>): [AsyncIterator<T>, AsyncIterator<T>] {
  const queues: [Promise<IteratorResult<T>>[], Promise<IteratorResult<T>>[]] = [[], []];
  const open = [true, true];
  let sourceDone = false;

  const branch = (mine: 0 | 1): AsyncIterator<T> => {
    const other = mine === 0 ? 1 : 0;
    return {
      next() {
        const queue = queues[mine];
        if (queue.length === 0) {
          const result = source.next();
          result.then(
            (step) => {
              if (step.done) sourceDone = true;
            },
            () => {
              sourceDone = true;
            },
          );
          queue.push(result);
          if (open[other]) queues[other].push(result);
        }
        return queue.shift() as Promise<IteratorResult<T>>;
      },
      async return() {
        open[mine] = false;
        queues[mine].length = 0;
        if (!open[other] && !sourceDone) await source.return?.();
        return { value: undefined, done: true };
      },
    };
  };
  return [branch(0), branch(1)];
}
