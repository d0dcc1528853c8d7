import { describe, expect, it } from "vitest";
import { TtlCache } from "~/lib/ttl-cache";

/** A clock that moves only when told (it starts well after 0: a start of 0 reads as "no start"). */
function fakeClock() {
  let ms = 1_000_000;
  return { now: () => ms, advance: (by: number) => void (ms += by) };
}

/** A loader that counts its calls and answers `value` (or what `answer` returns). */
function counting<V>(answer: (call: number) => V | Promise<V>) {
  let calls = 0;
  const load = async () => answer(++calls);
  return { load, calls: () => calls };
}

describe("TtlCache", () => {
  it("serves a value until its time is up, then loads it again", async () => {
    const clock = fakeClock();
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 2000, now: clock.now });
    const loader = counting((call) => call * 10);
    expect(await cache.get("a", loader.load)).toBe(10);
    clock.advance(2000);
    expect(await cache.get("a", loader.load)).toBe(10);
    expect(loader.calls()).toBe(1);
    clock.advance(1);
    expect(await cache.get("a", loader.load)).toBe(20);
    expect(loader.calls()).toBe(2);
  });

  it("reads a ttl given as a function at every load, and keeps nothing at 0", async () => {
    let ttl = 0;
    const clock = fakeClock();
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: () => ttl, now: clock.now });
    const loader = counting((call) => call);
    expect(await cache.get("a", loader.load)).toBe(1);
    expect(await cache.get("a", loader.load)).toBe(2);
    expect(cache.size).toBe(0);
    ttl = 1000;
    expect(await cache.get("a", loader.load)).toBe(3);
    expect(await cache.get("a", loader.load)).toBe(3);
  });

  it("keeps an entry without a ttl until it is evicted", async () => {
    const clock = fakeClock();
    const cache = new TtlCache<string, string>({ max: 10, now: clock.now });
    const loader = counting(() => "kept");
    await cache.get("a", loader.load);
    clock.advance(365 * 86_400_000);
    await cache.get("a", loader.load);
    expect(loader.calls()).toBe(1);
  });

  it("holds at most `max` entries, dropping the least recently used", async () => {
    const cache = new TtlCache<string, string>({ max: 2, ttlMs: 60_000, now: fakeClock().now });
    const loads: string[] = [];
    const load = (key: string) => async () => {
      loads.push(key);
      return key.toUpperCase();
    };
    await cache.get("a", load("a"));
    await cache.get("b", load("b"));
    await cache.get("a", load("a")); // a is now the most recently used
    await cache.get("c", load("c")); // b goes
    expect(cache.size).toBe(2);
    await cache.get("a", load("a"));
    await cache.get("b", load("b"));
    expect(loads).toEqual(["a", "b", "c", "b"]);
  });

  it("loads a key once for everyone who asks while it loads", async () => {
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 1000, now: fakeClock().now });
    let release!: (n: number) => void;
    const loader = counting(() => new Promise<number>((resolve) => (release = resolve)));
    const waiting = [cache.get("a", loader.load), cache.get("a", loader.load), cache.get("a", loader.load)];
    await Promise.resolve();
    release(7);
    expect(await Promise.all(waiting)).toEqual([7, 7, 7]);
    expect(loader.calls()).toBe(1);
    // Another key has its own load.
    expect(await cache.get("b", async () => 8)).toBe(8);
  });

  it("keeps nothing from a load that fails: everyone waiting sees the error, the next get loads again", async () => {
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 1000, now: fakeClock().now });
    const loader = counting((call) => {
      if (call === 1) throw new Error("database away");
      return call;
    });
    const both = await Promise.allSettled([cache.get("a", loader.load), cache.get("a", loader.load)]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(cache.size).toBe(0);
    expect(await cache.get("a", loader.load)).toBe(2);
    expect(loader.calls()).toBe(2);
  });

  it("keeps nothing when a load finds nothing", async () => {
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 1000, now: fakeClock().now });
    const loader = counting<number | undefined>((call) => (call === 1 ? undefined : 5));
    expect(await cache.get("a", loader.load)).toBeUndefined();
    expect(await cache.get("a", loader.load)).toBe(5);
  });

  it("forgets a key on delete and everything on clear", async () => {
    const cache = new TtlCache<string, number>({ max: 10, ttlMs: 1000, now: fakeClock().now });
    const loader = counting((call) => call);
    await cache.get("a", loader.load);
    await cache.get("b", loader.load);
    cache.delete("a");
    expect(await cache.get("a", loader.load)).toBe(3);
    expect(await cache.get("b", loader.load)).toBe(2);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(await cache.get("b", loader.load)).toBe(4);
  });

  it("remembers values computed synchronously, with the same bound", () => {
    const cache = new TtlCache<string, string>({ max: 2 });
    let computed = 0;
    const upper = (s: string) => () => {
      computed++;
      return s.toUpperCase();
    };
    expect(cache.remember("a", upper("a"))).toBe("A");
    expect(cache.remember("a", upper("a"))).toBe("A");
    cache.remember("b", upper("b"));
    cache.remember("c", upper("c"));
    expect(cache.size).toBe(2);
    expect(computed).toBe(3);
  });
});
