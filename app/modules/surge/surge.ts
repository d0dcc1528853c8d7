/**
 * Surge mode: when a petition goes viral, public pages are replayed from a
 * longer-lived cache and live counts refresh less often, so the web processes
 * keep their time for signatures. Organizers can force it on or off (a switch
 * in the database, seen by every process); on "auto" each process turns it on
 * when its own request rate reaches a threshold, or when its event loop is
 * busy nearly all the time while serving at least a tenth of that rate (it is
 * saturated, so its rate cannot climb to the threshold), and off again once
 * both have stayed below for a while.
 */
import type { SurgeMode, SurgeTuning } from "../../lib/context";

export const SURGE_SWITCHES = ["auto", "on", "off"] as const;
export type SurgeSwitch = (typeof SURGE_SWITCHES)[number];

export const isSurgeSwitch = (value: unknown): value is SurgeSwitch => SURGE_SWITCHES.includes(value as SurgeSwitch);

export interface SurgeState {
  active: boolean;
  /** When this process last measured a rate at or above the threshold (ms since epoch). */
  lastHotAt: number | null;
}

export const CALM: SurgeState = { active: false, lastHotAt: null };

export interface SurgeReading {
  switchValue: SurgeSwitch;
  /** Requests per second this process served, averaged over the last few seconds. */
  requestsPerSecond: number;
  /** 0 turns the automatic switch off. */
  thresholdRps: number;
  /** Share of the last second the event loop was busy (0–1). */
  busy: number;
  /** A share at or above this counts as overload too (0 = rate only). */
  thresholdBusy: number;
  /** After the rate falls below the threshold, surge mode stays on this long (no flapping). */
  holdMs: number;
  now: number;
}

/** The next state of one process, from the switch, its request rate and the time. */
export function nextSurgeState(previous: SurgeState, reading: SurgeReading): SurgeState {
  // A busy loop counts only while visitors are coming (a tenth of the threshold): start-up and
  // housekeeping keep a process busy too.
  const saturated = reading.thresholdBusy > 0 && reading.busy >= reading.thresholdBusy && reading.requestsPerSecond >= reading.thresholdRps / 10;
  const hot = reading.thresholdRps > 0 && (reading.requestsPerSecond >= reading.thresholdRps || saturated);
  const lastHotAt = hot ? reading.now : previous.lastHotAt;
  if (reading.switchValue === "on") return { active: true, lastHotAt };
  if (reading.switchValue === "off") return { active: false, lastHotAt };
  if (reading.thresholdRps <= 0) return { active: false, lastHotAt: null };
  const active = hot || (previous.active && lastHotAt !== null && reading.now - lastHotAt < reading.holdMs);
  return { active, lastHotAt };
}

/**
 * Requests per second over a sliding window of whole seconds, in fixed memory.
 * The second in progress is left out, so a reading never counts half a second as one.
 */
export class RequestRateMeter {
  private readonly counts: number[];
  private readonly seconds: number[];

  constructor(private readonly windowSeconds = 5) {
    this.counts = new Array<number>(windowSeconds + 1).fill(0);
    this.seconds = new Array<number>(windowSeconds + 1).fill(-1);
  }

  hit(now: number): void {
    const second = Math.floor(now / 1000);
    const slot = second % this.counts.length;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot]! += 1;
  }

  perSecond(now: number): number {
    const current = Math.floor(now / 1000);
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) {
      const second = this.seconds[i]!;
      if (second < current && second >= current - this.windowSeconds) total += this.counts[i]!;
    }
    return total / this.windowSeconds;
  }
}

export interface SurgeSettings {
  thresholdRps: number;
  thresholdBusy: number;
  holdMs: number;
  /** How often a process reads the organizers' switch from the database. */
  switchPollMs: number;
  normal: SurgeTuning;
  surge: SurgeTuning;
}

export const tuningFor = (settings: Pick<SurgeSettings, "normal" | "surge">, active: boolean): SurgeTuning =>
  active ? settings.surge : settings.normal;

/** Surge mode on or off, with the tuning that goes with it (what a request reads once: lib/context). */
export const surgeModeFor = (settings: Pick<SurgeSettings, "normal" | "surge">, active: boolean): SurgeMode => ({
  active,
  ...tuningFor(settings, active),
});
