/**
 * One load generator (autocannon) in its own process, started by the other
 * benchmarks through `runLoad` (bench/support.ts): `tsx bench/load.ts '<spec JSON>'`.
 * Prints a LoadResult as JSON.
 */
import autocannon from "autocannon";
import { signerEmail } from "./signers";
import type { LoadResult, LoadSpec } from "./support";

const spec = JSON.parse(process.argv[2] ?? "{}") as LoadSpec;
const COUNTRIES = ["FRA", "DEU", "BRA", "NGA", "IND", "USA"];
const tag = spec.tag ?? 0;

if (spec.startAt) await new Promise((resolve) => setTimeout(resolve, Math.max(0, spec.startAt! - Date.now())));

let n = 0;
const requests: autocannon.Request[] =
  spec.kind === "sign"
    ? [
        {
          method: "POST",
          setupRequest: (request) => {
            n++;
            const body = new URLSearchParams({ formToken: spec.formToken ?? "", name: `Signer ${tag}-${n}`, email: signerEmail(tag, n), country: COUNTRIES[n % 6]!, comment: "", website: "" });
            return {
              ...request,
              body: body.toString(),
              headers: { ...request.headers, "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": `10.${tag & 255}.${(n >> 8) & 255}.${n & 255}` },
            };
          },
        },
      ]
    : [
        {
          method: "GET",
          setupRequest: (request) => {
            n++;
            const languages = spec.languages ?? ["en"];
            return { ...request, headers: { ...request.headers, "accept-language": languages[n % languages.length]! } };
          },
        },
      ];

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.seconds,
  headers: { "accept-encoding": "gzip" },
  requests,
  ...(spec.rate ? { overallRate: spec.rate } : {}),
});
const expected = spec.kind === "sign" ? "302" : "200";
const ok = result.statusCodeStats?.[expected as keyof typeof result.statusCodeStats]?.count ?? 0;
const out: LoadResult = {
  requestsPerSecond: result.requests.total / spec.seconds,
  total: result.requests.total,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + (result.requests.total - ok),
  ok,
};
process.stdout.write(JSON.stringify(out));
