/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order. Reading thousands of
 * small files one await at a time leaves the disk idle between them; all at once exhausts file handles.
 * After a failure no new call starts, and the first error is thrown once the calls in flight have settled:
 * a write that fails on a full disk removes its temporary file before the command reports and exits.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
