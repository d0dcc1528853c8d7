import { useCallback, useRef, useState } from "react";
import type { Receipt } from "~/modules/transparency/receipt";
import type { VerifyProgress } from "~/modules/transparency/verify";
import { checkLog, sameOriginFetch, type LogCheckOutcome } from "./log-check";

export type LogCheckState = { phase: "idle" } | { phase: "running"; progress: VerifyProgress | null } | { phase: "done"; outcome: LogCheckOutcome };

/** One run of the verifier at a time, its progress and its outcome. */
export function useLogCheck(logOrigin: string) {
  const [state, setState] = useState<LogCheckState>({ phase: "idle" });
  const running = useRef(false);
  const run = useCallback(
    async (receipt?: Receipt) => {
      if (running.current) return;
      running.current = true;
      setState({ phase: "running", progress: null });
      try {
        const outcome = await checkLog({
          logOrigin,
          fetch: sameOriginFetch(logOrigin, window.location.origin, (url) => window.fetch(url, { headers: { accept: "application/json" } })),
          subtle: globalThis.crypto?.subtle,
          receipt,
          onProgress: (progress) => setState({ phase: "running", progress }),
        });
        setState({ phase: "done", outcome });
      } catch (error) {
        // The verifier reports every expected failure as a value: this is the network or a bug.
        setState({ phase: "done", outcome: { kind: "failed", failure: { code: "http_error", message: error instanceof Error ? error.message : String(error) } } });
      } finally {
        running.current = false;
      }
    },
    [logOrigin],
  );
  return { state, run };
}
