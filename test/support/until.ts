// How tests wait: poll a condition under a generous deadline (a loaded 2-core machine is slow), never
// a fixed sleep. The error says what was awaited and for how long.
export async function until(
  check: () => boolean | Promise<boolean>,
  ms = 10_000,
  what: string | (() => string) = 'the condition',
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${ms} ms waiting for ${typeof what === 'function' ? what() : what}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
