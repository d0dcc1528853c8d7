import { describe, expect, it } from "vitest";
import { CardRenderBusy, slots } from "~/modules/share/card-render.server";

describe("the drawing slots", () => {
  it("run at most `limit` at once, queue a few more, and refuse past the queue", async () => {
    const limiter = slots(1, 1);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      limiter.run(async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        return "drawn";
      });
    const first = work();
    const second = work();
    await expect(work()).rejects.toBeInstanceOf(CardRenderBusy);
    expect(limiter.pending).toBe(2);
    releases.shift()?.();
    await expect(first).resolves.toBe("drawn");
    await new Promise((resolve) => setImmediate(resolve));
    releases.shift()?.();
    await expect(second).resolves.toBe("drawn");
    expect(most).toBe(1);
    expect(limiter.pending).toBe(0);
  });

  it("frees the slot when a drawing fails", async () => {
    const limiter = slots(1, 0);
    await expect(limiter.run(() => Promise.reject(new Error("bad svg")))).rejects.toThrow("bad svg");
    await expect(limiter.run(async () => "next")).resolves.toBe("next");
  });
});
