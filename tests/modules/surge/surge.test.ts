import { describe, expect, it } from "vitest";
import { CALM, nextSurgeState, RequestRateMeter, type SurgeReading, type SurgeState } from "../../../app/modules/surge/surge";
import { testConfig } from "../../support/test-config";

const T0 = Date.UTC(2026, 10, 29, 12, 0, 0);
const reading = (over: Partial<SurgeReading>): SurgeReading => ({
  switchValue: "auto",
  requestsPerSecond: 0,
  thresholdRps: 400,
  busy: 0.2,
  thresholdBusy: 0.9,
  holdMs: 120_000,
  now: T0,
  ...over,
});

describe("the surge switching rule", () => {
  it("follows the organizers' switch whatever the load", () => {
    expect(nextSurgeState(CALM, reading({ switchValue: "on", requestsPerSecond: 0 })).active).toBe(true);
    const hot: SurgeState = { active: true, lastHotAt: T0 };
    expect(nextSurgeState(hot, reading({ switchValue: "off", requestsPerSecond: 10_000 })).active).toBe(false);
  });

  it("on auto, turns on at the threshold and not below it", () => {
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 399.9 })).active).toBe(false);
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 400 }))).toEqual({ active: true, lastHotAt: T0 });
  });

  it("on auto, a saturated event loop counts as overload even below the rate threshold", () => {
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 80, busy: 0.95 })).active).toBe(true);
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 80, busy: 0.89 })).active).toBe(false);
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 80, busy: 0.95, thresholdBusy: 0 })).active).toBe(false);
    // Busy without visitors (starting up, a clean-up job) is not a surge.
    expect(nextSurgeState(CALM, reading({ requestsPerSecond: 39, busy: 1 })).active).toBe(false);
  });

  it("stays on for the hold time after the load falls, then turns off", () => {
    let state = nextSurgeState(CALM, reading({ requestsPerSecond: 900 }));
    state = nextSurgeState(state, reading({ requestsPerSecond: 50, now: T0 + 119_999 }));
    expect(state.active).toBe(true);
    state = nextSurgeState(state, reading({ requestsPerSecond: 50, now: T0 + 120_000 }));
    expect(state.active).toBe(false);
    // A calm process does not come back on by itself.
    expect(nextSurgeState(state, reading({ requestsPerSecond: 50, now: T0 + 130_000 })).active).toBe(false);
  });

  it("a new peak during the hold starts the hold again", () => {
    let state = nextSurgeState(CALM, reading({ requestsPerSecond: 900 }));
    state = nextSurgeState(state, reading({ requestsPerSecond: 500, now: T0 + 100_000 }));
    state = nextSurgeState(state, reading({ requestsPerSecond: 10, now: T0 + 200_000 }));
    expect(state.active).toBe(true);
    expect(nextSurgeState(state, reading({ requestsPerSecond: 10, now: T0 + 220_000 })).active).toBe(false);
  });

  it("switched back from off to auto, a process still under load goes on at once", () => {
    let state = nextSurgeState(CALM, reading({ switchValue: "off", requestsPerSecond: 900 }));
    expect(state.active).toBe(false);
    state = nextSurgeState(state, reading({ requestsPerSecond: 900, now: T0 + 1000 }));
    expect(state.active).toBe(true);
  });

  it("a threshold of 0 leaves only the organizers' switch", () => {
    expect(nextSurgeState(CALM, reading({ thresholdRps: 0, requestsPerSecond: 1e6, busy: 1 })).active).toBe(false);
    expect(nextSurgeState(CALM, reading({ thresholdRps: 0, switchValue: "on" })).active).toBe(true);
  });
});

describe("the request rate meter", () => {
  it("averages whole seconds over its window and forgets older ones", () => {
    const meter = new RequestRateMeter(5);
    for (let s = 0; s < 5; s++) for (let i = 0; i < 100 * (s + 1); i++) meter.hit(T0 + s * 1000 + i);
    // The second in progress does not count yet.
    expect(meter.perSecond(T0 + 4500)).toBe((100 + 200 + 300 + 400) / 5);
    expect(meter.perSecond(T0 + 5000)).toBe(1500 / 5);
    expect(meter.perSecond(T0 + 7000)).toBe((300 + 400 + 500) / 5);
    expect(meter.perSecond(T0 + 60_000)).toBe(0);
  });

  it("reuses a slot a full window later without carrying its old count", () => {
    const meter = new RequestRateMeter(2);
    meter.hit(T0);
    meter.hit(T0);
    meter.hit(T0 + 3000);
    expect(meter.perSecond(T0 + 4000)).toBe(0.5);
  });
});

describe("surge settings", () => {
  it("reads thresholds and cache lives from the environment, and refuses nonsense", () => {
    const settings = testConfig({ SURGE_THRESHOLD_RPS: "250", SURGE_PAGE_CACHE_MS: "20000", PAGE_CACHE_MS: "500" }).surge;
    expect(settings.thresholdRps).toBe(250);
    expect(settings.surge.pageCacheMs).toBe(20_000);
    expect(settings.normal.pageCacheMs).toBe(500);
    expect(settings.surge.liveCountIntervalMs).toBeGreaterThan(settings.normal.liveCountIntervalMs);
    expect(() => testConfig({ SURGE_THRESHOLD_RPS: "lots" })).toThrow(/SURGE_THRESHOLD_RPS must be a number ≥ 0, got "lots"/u);
  });
});
