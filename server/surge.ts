import type { RequestHandler, Response } from "express";
import { performance, type EventLoopUtilization } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema";
import { CALM, nextSurgeState, RequestRateMeter, surgeModeFor, type SurgeSettings, type SurgeState, type SurgeSwitch } from "../app/modules/surge/surge";
import type { SurgeMode } from "../app/lib/context";
import { readSurgeSwitch } from "../app/modules/surge/surge-switch.repo.server";

export interface SurgeMonitor {
  /** Counts every request this process serves. */
  meter: RequestHandler;
  /** Surge mode now, with its tuning, in one reading (a request takes one: `readSurgeModeOnArrival`). */
  mode(): SurgeMode;
  /** For /healthz and the logs. */
  status(): { active: boolean; switchValue: SurgeSwitch; requestsPerSecond: number; busy: number };
  stop(): void;
}

/**
 * Surge mode in one process: measures its request rate, reads the organizers'
 * switch from the database every few seconds (so all processes follow it), and
 * re-evaluates once a second with the pure rule in app/modules/surge.
 */
export function startSurgeMonitor(
  db: Kysely<Database>,
  settings: SurgeSettings,
  clock: () => number = Date.now,
  /** Share of the last interval the event loop was busy; measured by default. */
  busyMeter: () => number = eventLoopBusy(),
): SurgeMonitor {
  const rate = new RequestRateMeter();
  let state: SurgeState = CALM;
  let switchValue: SurgeSwitch = "auto";
  let lastRps = 0;
  let lastBusy = 0;
  let lastPoll = -Infinity;
  let polling = false;

  const pollSwitch = async () => {
    if (polling) return;
    polling = true;
    try {
      switchValue = (await readSurgeSwitch(db)).value;
    } catch {
      // Database briefly unreachable: keep the last known switch.
    } finally {
      polling = false;
    }
  };

  const apply = (now: number) => {
    const before = state.active;
    state = nextSurgeState(state, {
      switchValue,
      requestsPerSecond: lastRps,
      thresholdRps: settings.thresholdRps,
      busy: lastBusy,
      thresholdBusy: settings.thresholdBusy,
      holdMs: settings.holdMs,
      now,
    });
    if (state.active !== before) {
      console.log(`surge mode ${state.active ? "on" : "off"} (switch ${switchValue}, ${lastRps.toFixed(0)} requests/s, event loop ${(lastBusy * 100).toFixed(0)} % busy in this process)`);
    }
  };

  const evaluate = () => {
    const now = clock();
    lastRps = rate.perSecond(now);
    lastBusy = busyMeter();
    if (now - lastPoll >= settings.switchPollMs) {
      lastPoll = now;
      void pollSwitch().then(() => apply(clock()));
    }
    apply(now);
  };
  evaluate();
  const timer = setInterval(evaluate, 1000);
  timer.unref();

  return {
    meter: (_req, _res, next) => {
      rate.hit(clock());
      next();
    },
    mode: () => surgeModeFor(settings, state.active),
    status: () => ({ active: state.active, switchValue, requestsPerSecond: lastRps, busy: lastBusy }),
    stop: () => clearInterval(timer),
  };
}

const SURGE_MODE = "surgeMode";

/**
 * Reads surge mode once when a request arrives, for the whole request: the page cache decides
 * by it, and the loaders get it in their context (`surgeModeOf`). The process may switch while
 * the request is rendered; what is stored then still matches what was rendered.
 */
export function readSurgeModeOnArrival(read: () => SurgeMode): RequestHandler {
  return (_req, res, next) => {
    res.locals[SURGE_MODE] = read();
    next();
  };
}

/** The surge mode this request was given on arrival. */
export function surgeModeOf(res: Response): SurgeMode {
  const mode = res.locals[SURGE_MODE] as SurgeMode | undefined;
  if (!mode) throw new Error("surge mode was not read for this request (readSurgeModeOnArrival)");
  return mode;
}

/** The event loop's utilization since the previous call (0–1). */
function eventLoopBusy(): () => number {
  let previous: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const current = performance.eventLoopUtilization();
    const share = performance.eventLoopUtilization(current, previous).utilization;
    previous = current;
    return share;
  };
}
