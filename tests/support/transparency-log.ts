/**
 * A petition's log held in memory and served with exactly the JSON of docs/transparency.md, for
 * testing the verifier before (and independently of) the database-backed server. The served
 * fields are plain data a test may tamper with; proofs come from the node store built honestly.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { toHex } from "~/modules/transparency/bytes";
import { type Checkpoint, type LogPublicKey } from "~/modules/transparency/checkpoint";
import { publicKeyJson, signCheckpoint, type LogSigningKey } from "~/modules/transparency/checkpoint.server";
import { CHECKPOINTS_PAGE_MAX, ENTRIES_PAGE_MAX, logEndpoints } from "~/modules/transparency/log-api";
import { LogTally } from "~/modules/transparency/log-counts";
import { commitmentOf, encodeEntry, entryToJson, type LogEntry, type LogEntryJson, type RemovalReason } from "~/modules/transparency/log-entry";
import { consistencyPlan, inclusionPlan, leafHash, resolveProof } from "~/modules/transparency/merkle";
import { MerkleTreeBuilder } from "~/modules/transparency/merkle-builder";
import { makeReceipt, type Receipt } from "~/modules/transparency/receipt";
import type { FetchLike } from "~/modules/transparency/verify";

export const SITE = "https://treaty.example";
export const KEY_ACTIVATED = "2026-01-01T00:00:00.000Z";

/** Deterministic ids and secrets, so a failing property replays the same log. */
export function signatureIdOf(n: number): string {
  const hex = n.toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${hex}`;
}

export function secretOf(n: number): Uint8Array {
  return createHash("sha256").update(`secret ${n}`).digest();
}

export type LogStep = { op: "add"; country: string; day: string } | { op: "remove"; pick: number; reason: RemovalReason; day: string };

/** Entries from steps; a removal picks among the adds still counted (skipped when there are none). */
export function entriesFromSteps(steps: readonly LogStep[]): LogEntry[] {
  const entries: LogEntry[] = [];
  const live: number[] = [];
  for (const step of steps) {
    if (step.op === "add") {
      live.push(entries.length);
      entries.push({ kind: "add", commitment: commitmentOf(signatureIdOf(entries.length), secretOf(entries.length)), country: step.country, day: step.day });
    } else if (live.length > 0) {
      const [removes] = live.splice(step.pick % live.length, 1);
      const target = entries[removes!]!;
      entries.push({ kind: "remove", commitment: target.commitment, country: target.country, day: step.day, removes: removes!, reason: step.reason });
    }
  }
  return entries;
}

export type ServedLog = {
  site: string;
  origin: string;
  petitionUrl: string;
  /** What the endpoints serve; tamper at will. */
  entries: LogEntryJson[];
  checkpoints: Checkpoint[];
  keys: LogPublicKey[];
  /** Complete-subtree hashes, "level:index" → hash, of the entries as built. */
  nodes: Map<string, Uint8Array>;
  /** Requests answered, by path (without the query). */
  requests: string[];
  receiptFor(index: number): Receipt;
  fetch: FetchLike;
  handle(url: string): { status: number; body: unknown };
};

/**
 * Builds and signs a log: a checkpoint after each size in `checkpointAt` (sizes ≤ entries.length,
 * ascending), a minute apart. The tally is not consulted: a test may build an invalid log on purpose.
 */
export function serveLog({ site = SITE, slug = "ban-the-bomb", entries, checkpointAt, key, keys }: { site?: string; slug?: string; entries: readonly LogEntry[]; checkpointAt: readonly number[]; key: LogSigningKey; keys?: LogPublicKey[] }): ServedLog {
  const petitionUrl = `${site}/en/petitions/${slug}`;
  const endpoints = logEndpoints(petitionUrl)!;
  const builder = new MerkleTreeBuilder();
  const tally = new LogTally();
  const nodes = new Map<string, Uint8Array>();
  const checkpoints: Checkpoint[] = [];
  const sizes = [...checkpointAt];
  let minute = 0;
  const publish = () => {
    const time = new Date(Date.parse("2026-12-01T00:00:00.000Z") + minute++ * 60_000).toISOString();
    checkpoints.push(signCheckpoint({ origin: endpoints.origin, size: builder.size, rootHash: toHex(builder.root()), counts: tally.counts(), time }, key));
  };
  while (sizes[0] === 0) {
    sizes.shift();
    publish();
  }
  for (const entry of entries) {
    for (const node of builder.push(leafHash(encodeEntry(entry)))) nodes.set(`${node.level}:${node.index}`, node.hash);
    tally.apply(entry);
    while (sizes[0] === builder.size) {
      sizes.shift();
      publish();
    }
  }
  const lookup = ({ level, index }: { level: number; index: number }) => nodes.get(`${level}:${index}`);
  const log: ServedLog = {
    site,
    origin: endpoints.origin,
    petitionUrl,
    entries: entries.map((entry, index) => entryToJson(index, entry)),
    checkpoints,
    keys: keys ?? [publicKeyJson(key, KEY_ACTIVATED)],
    nodes,
    requests: [],
    receiptFor: (index) => makeReceipt(endpoints.origin, index, signatureIdOf(index), secretOf(index)),
    handle(raw) {
      const url = new URL(raw);
      log.requests.push(url.pathname);
      const int = (name: string) => {
        const value = url.searchParams.get(name);
        return value !== null && /^\d+$/.test(value) ? Number(value) : null;
      };
      const notFound = { status: 404, body: { error: "not_found" } };
      const bad = { status: 400, body: { error: "bad_request" } };
      const api = new URL(endpoints.checkpoint()).pathname.replace(/\/checkpoint$/, "");
      if (url.pathname === new URL(endpoints.key).pathname) return { status: 200, body: { keys: log.keys } };
      if (url.origin !== site || !url.pathname.startsWith(`${api}/`)) return notFound;
      const path = url.pathname.slice(api.length);
      const latest = log.checkpoints.at(-1);
      if (path === "/checkpoint") {
        const size = url.searchParams.has("size") ? int("size") : latest?.size;
        const found = [...log.checkpoints].reverse().find((checkpoint) => checkpoint.size === size);
        return found === undefined ? notFound : { status: 200, body: found };
      }
      if (path === "/checkpoints") {
        const after = url.searchParams.has("after") ? int("after") : -1;
        if (after === null) return bad;
        const page = log.checkpoints.filter((checkpoint) => checkpoint.size > after).slice(0, CHECKPOINTS_PAGE_MAX);
        const more = log.checkpoints.some((checkpoint) => checkpoint.size > (page.at(-1)?.size ?? Infinity));
        return { status: 200, body: { checkpoints: page, next: more ? page.at(-1)!.size : null } };
      }
      if (path === "/entries") {
        const start = int("start");
        const end = int("end");
        if (start === null || end === null || end < start) return bad;
        return { status: 200, body: { start, entries: log.entries.slice(start, Math.min(end, start + ENTRIES_PAGE_MAX)) } };
      }
      if (path === "/proof/inclusion") {
        const index = int("index");
        const size = int("size");
        if (index === null || size === null || index >= size || size > builder.size) return bad;
        return { status: 200, body: { index, size, proof: resolveProof(inclusionPlan(index, size), lookup).map(toHex) } };
      }
      if (path === "/proof/consistency") {
        const from = int("from");
        const to = int("to");
        if (from === null || to === null || from > to || to > builder.size) return bad;
        return { status: 200, body: { from, to, proof: resolveProof(consistencyPlan(from, to), lookup).map(toHex) } };
      }
      return notFound;
    },
    fetch: async (url) => {
      const { status, body } = log.handle(url);
      return { ok: status >= 200 && status < 300, status, json: async () => structuredClone(body) };
    },
  };
  return log;
}

/** Serves `log` over HTTP on 127.0.0.1:`port` (build it with `site: http://127.0.0.1:<port>`). */
export async function listenLog(log: ServedLog, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const { status, body } = log.handle(`${log.site}${request.url ?? "/"}`);
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return server;
}
