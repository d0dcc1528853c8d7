import { describe, expect, it } from "vitest";
import { GroupCommit } from "~/lib/group-commit";

interface Write {
  key: string;
  value: number;
}

/** A writer whose batches finish when the test says so, recording what it was given. */
function rig({ max = 4, inFlight = 1, failWhen = (_items: Write[]) => false as boolean, retry = true } = {}) {
  const batches: number[][] = [];
  const alone: number[] = [];
  const pending: (() => void)[] = [];
  const gate = () => new Promise<void>((resolve) => pending.push(resolve));
  const commit = new GroupCommit<Write, string>({
    max,
    inFlight,
    writeBatch: async (items) => {
      batches.push(items.map((i) => i.value));
      await gate();
      if (failWhen(items)) throw new Error("batch refused");
      return items.map((i) => `batch:${i.value}`);
    },
    writeOne: async (item) => {
      alone.push(item.value);
      await gate();
      if (item.value < 0) throw new Error(`bad ${item.value}`);
      return `alone:${item.value}`;
    },
    keyOf: (item) => item.key,
    retryAlone: () => retry,
  });
  /** Lets every write started so far finish, and the ones they start. */
  const settle = async () => {
    for (let round = 0; round < 50; round++) {
      await new Promise((resolve) => setImmediate(resolve));
      const open = pending.splice(0);
      for (const release of open) release();
    }
  };
  return { commit, batches, alone, settle, pendingCount: () => pending.length };
}

const w = (value: number, key = `k${value}`): Write => ({ key, value });

describe("group commit", () => {
  it("writes a lone item alone, then the items that queued meanwhile as one batch", async () => {
    const { commit, batches, alone, settle } = rig();
    const first = commit.write(w(1));
    await new Promise((resolve) => setImmediate(resolve));
    // The first is in flight; these three wait for it, then go together.
    const next = [commit.write(w(2)), commit.write(w(3)), commit.write(w(4))];
    expect(commit.waiting).toBe(3);
    await settle();
    expect(await first).toBe("alone:1");
    expect(await Promise.all(next)).toEqual(["batch:2", "batch:3", "batch:4"]);
    expect(alone).toEqual([1]);
    expect(batches).toEqual([[2, 3, 4]]);
  });

  it("gathers the writes of one event-loop turn, and never more than max in a batch", async () => {
    const { commit, batches, settle } = rig({ max: 3 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((v) => commit.write(w(v)));
    await settle();
    expect(await Promise.all(all)).toEqual(["batch:1", "batch:2", "batch:3", "batch:4", "batch:5", "batch:6", "alone:7"]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it("answers nobody before their batch has finished", async () => {
    const { commit, settle, pendingCount } = rig();
    let answered = 0;
    const all = [1, 2].map((v) => commit.write(w(v)).then((r) => (answered++, r)));
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pendingCount()).toBe(1);
    expect(answered).toBe(0);
    await settle();
    await Promise.all(all);
    expect(answered).toBe(2);
  });

  it("defers a second item with the same key to the next batch, keeping the order of the others", async () => {
    const { commit, batches, alone, settle } = rig();
    const all = [w(1, "a"), w(2, "b"), w(3, "a"), w(4, "c"), w(5, "a")].map((item) => commit.write(item));
    await settle();
    // 3 and 5 wait for the batch before theirs: each sees the previous "a" written.
    expect(await Promise.all(all)).toEqual(["batch:1", "batch:2", "alone:3", "batch:4", "alone:5"]);
    expect(batches).toEqual([[1, 2, 4]]);
    expect(alone).toEqual([3, 5]);
  });

  it("writes a failed batch's members again one by one: one bad item fails only its own caller", async () => {
    const { commit, alone, settle } = rig({ failWhen: (items) => items.some((i) => i.value < 0) });
    const all = [w(1), w(-2), w(3)].map((item) => commit.write(item));
    const settled = Promise.allSettled(all);
    await settle();
    const outcomes = await settled;
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value : (o.reason as Error).message))).toEqual(["alone:1", "bad -2", "alone:3"]);
    expect(alone).toEqual([1, -2, 3]);
  });

  it("fails every member at once when the error is not one a retry could avoid", async () => {
    const { commit, alone, settle } = rig({ failWhen: () => true, retry: false });
    const settled = Promise.allSettled([w(1), w(2)].map((item) => commit.write(item)));
    await settle();
    expect((await settled).map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(alone).toEqual([]);
  });

  it("keeps writing after a failure", async () => {
    const { commit, settle } = rig({ failWhen: () => true, retry: false });
    const failed = Promise.allSettled([commit.write(w(1)), commit.write(w(2))]);
    await settle();
    await failed;
    const later = commit.write(w(5));
    await settle();
    expect(await later).toBe("alone:5");
  });

  it("lets a second batch go while the first is in flight, but never one that shares a key with it", async () => {
    const { commit, batches, alone, settle, pendingCount } = rig({ inFlight: 2 });
    const first = [commit.write(w(1, "a")), commit.write(w(2, "b"))];
    await new Promise((resolve) => setImmediate(resolve));
    const second = [commit.write(w(3, "a")), commit.write(w(4, "c")), commit.write(w(5, "d"))];
    await new Promise((resolve) => setImmediate(resolve));
    // 4 and 5 went at once beside the first batch; 3 waits for the batch holding "a".
    expect(pendingCount()).toBe(2);
    expect(batches).toEqual([
      [1, 2],
      [4, 5],
    ]);
    expect(commit.waiting).toBe(1);
    await settle();
    expect(await Promise.all([...first, ...second])).toEqual(["batch:1", "batch:2", "alone:3", "batch:4", "batch:5"]);
    expect(alone).toEqual([3]);
  });

  it("refuses a batch size below one", () => {
    expect(() => new GroupCommit({ max: 0, writeBatch: async () => [], writeOne: async () => 1, keyOf: String, retryAlone: () => true })).toThrow(RangeError);
  });
});
