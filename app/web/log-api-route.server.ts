/**
 * The public log endpoints' shared route code (docs/transparency.md, "Endpoints"): the petition by
 * slug, integer parameters, JSON with CORS, and caching by how long an answer stays true.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableJson, jsonError } from "~/lib/http.server";
import { publicLog, type LogAnswer, type PublicLog } from "~/modules/transparency/log-read.service.server";

/** How long the latest checkpoint (and anything else that can still grow) may be cached. */
const GROWING = { maxAge: 60, staleWhileRevalidate: 60 };

export type LogRequest = { log: PublicLog; query: URLSearchParams; db: LoaderFunctionArgs["context"]["readDb"] };

/** A parameter as a non-negative integer; undefined when absent, null when it is anything else. */
export function integerParameter(query: URLSearchParams, name: string): number | null | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^(0|[1-9]\d{0,15})$/u.test(value)) return null;
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : null;
}

/** Parameters that must all be present and non-negative integers; null if any is not. */
export function requiredIntegers<K extends string>(query: URLSearchParams, names: readonly K[]): Record<K, number> | null {
  const found = {} as Record<K, number>;
  for (const name of names) {
    const value = integerParameter(query, name);
    if (value === undefined || value === null) return null;
    found[name] = value;
  }
  return found;
}

/** Runs `answer` for the petition the URL names; 404 for an unknown (or draft) petition. */
export async function logEndpoint({ request, params, context }: LoaderFunctionArgs, answer: (req: LogRequest) => Promise<Response>): Promise<Response> {
  const log = await publicLog(context.readDb, params.slug ?? "", context.config.server.publicUrl);
  if (!log) return jsonError(404, "petition_not_found");
  return answer({ log, query: new URL(request.url).searchParams, db: context.readDb });
}

/** JSON that never changes (a proof, a past checkpoint, a full page) or may still change. */
export function logJson(request: Request, body: unknown, lasting: "immutable" | "growing"): Response {
  return cacheableJson(request, body, { ...GROWING, cors: true, immutable: lasting === "immutable" });
}

/** A service's answer as JSON, or its error as 400/404. */
export function answerJson<T>(request: Request, answer: LogAnswer<T>, lasting: "immutable" | "growing"): Response {
  if (!answer.ok) return answer.error === "not_found" ? jsonError(404, "not_found") : jsonError(400, "bad_request");
  return logJson(request, answer.value, lasting);
}

export const badParameters = () => jsonError(400, "bad_request");
