// The contract every AliasStore adapter must pass (embedded SQLite, Redis in cluster mode): an accepted
// alias is kept once per place with its first acceptance, listed in the order accepted, and found again
// by a store opened afresh on the same data (a gateway restart, or another gateway process).
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AcceptedAlias, AliasStore } from '../../src/ports/alias-store.js';

export interface AliasStoreUnderTest {
  store: AliasStore;
  /** A second store over the same data, as a restarted gateway would open it. */
  reopen(): Promise<AliasStore>;
  /** Removes what the test wrote and closes connections. */
  cleanup(): Promise<void>;
}

const accepted = (code: string, alias: string, at = '2026-03-02T01:00:00.000Z'): AcceptedAlias => ({
  code,
  alias,
  acceptedBy: 'admin-1',
  acceptedAt: at,
});

export function describeAliasStoreContract(
  name: string,
  make: () => Promise<AliasStoreUnderTest>,
): void {
  const fresh = async (): Promise<AliasStoreUnderTest> => {
    const underTest = await make();
    onTestFinished(() => underTest.cleanup());
    return underTest;
  };

  describe(`AliasStore contract: ${name}`, () => {
    it('starts empty, and lists accepted aliases in the order they were accepted', async () => {
      const { store } = await fresh();
      expect(await store.list()).toEqual([]);
      expect(await store.accept(accepted('110105007', '翠城新苑'))).toBe(true);
      expect(await store.accept(accepted('110101001', '东华门'))).toBe(true);
      expect(await store.accept(accepted('110105007', '翠城'))).toBe(true);
      expect(await store.list()).toEqual([
        accepted('110105007', '翠城新苑'),
        accepted('110101001', '东华门'),
        accepted('110105007', '翠城'),
      ]);
    });

    it('keeps one alias of a place once, with its first acceptance', async () => {
      const { store } = await fresh();
      expect(await store.accept(accepted('110105007', '翠城新苑'))).toBe(true);
      expect(
        await store.accept({ ...accepted('110105007', '翠城新苑', '2026-03-03T00:00:00.000Z') }),
      ).toBe(false);
      // The same words for another place are another alias (the operator decides; both are kept).
      expect(await store.accept(accepted('110101001', '翠城新苑'))).toBe(true);
      expect(await store.list()).toEqual([
        accepted('110105007', '翠城新苑'),
        accepted('110101001', '翠城新苑'),
      ]);
    });

    it('keeps text as written: quotes, separators and rare characters', async () => {
      const { store } = await fresh();
      const odd = ['"翠城"新苑', '翠城,新苑', '𠀋村', '翠城\\新苑'];
      for (const alias of odd) await store.accept(accepted('110105007', alias));
      expect((await store.list()).map((a) => a.alias)).toEqual(odd);
    });

    it('is found again by a store opened afresh on the same data', async () => {
      const underTest = await fresh();
      await underTest.store.accept(accepted('110105007', '翠城新苑'));
      const again = await underTest.reopen();
      expect(await again.list()).toEqual([accepted('110105007', '翠城新苑')]);
      expect(await again.accept(accepted('110105007', '翠城新苑'))).toBe(false);
    });
  });
}
