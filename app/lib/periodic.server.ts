import { logError } from "./safe-log.server";

export interface RunningJob {
  /** Lets a run in progress finish, then stops. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (after each run ends, so runs never overlap).
 * A failed run is logged and the next one tries again.
 */
export function startPeriodicJob(name: string, intervalMs: number, task: () => Promise<unknown>): RunningJob {
  let stopping = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopping) {
      try {
        await task();
      } catch (error) {
        logError(`${name}: run failed`, error);
      }
      if (stopping) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, intervalMs).unref();
      });
    }
  })();
  return {
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
