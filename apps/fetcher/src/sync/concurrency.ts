/** Runs `fn` over `items` with at most `limit` at once; settles every item (no early abort). */
export async function mapSettled<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<PromiseSettledResult<R>[]> {
  const results: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = { status: "fulfilled", value: await fn(items[i]!) };
      } catch (reason) {
        results[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Iterates `source` one element ahead: the next page is being fetched while the current one is
 * processed. A failure of the look-ahead surfaces when that element is reached.
 */
export async function* lookahead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const it = source[Symbol.asyncIterator]();
  let pending = it.next();
  try {
    for (;;) {
      const current = await pending;
      if (current.done) return;
      pending = it.next();
      pending.catch(() => {});
      yield current.value;
    }
  } finally {
    // stop the source once its in-flight fetch settles (its result is dropped)
    void pending.then(
      () => it.return?.(),
      () => {},
    );
  }
}
