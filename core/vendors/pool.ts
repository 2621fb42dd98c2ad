/**
 * Runs `task` over `items` with at most `limit` at a time, keeping the order of the answers. The
 * first failure rejects the whole run and no task starts after it: Promise.all alone would let the
 * other workers go on calling the vendor for answers nobody reads. After a 429 that meant a burst of
 * calls inside Retry-After, each one more 429 (seen against the sandbox: dozens of searches fired after
 * each 429, while the engine was waiting its Retry-After out); after a 401, calls with a dead token.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        out[index] = await task(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
