/**
 * The harness's one timeout race: wait for some work, but not forever. A time limit is only a
 * failure guard (the harness never waits a fixed time), so when it trips, `onTimeout` decides
 * what that means — a value to go on with, or an error whose message names what did not answer.
 * The timer is cleared as soon as the work settles. It is not unref'd: a guard must be able
 * to fire (and say what is stuck) even when the stuck work holds nothing else open.
 */
export async function withinTimeLimit<T, F = never>(work: Promise<T>, ms: number, onTimeout: () => F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<F>((resolve, reject) => {
    timer = setTimeout(() => {
      try {
        resolve(onTimeout());
      } catch (error) {
        reject(error);
      }
    }, ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
