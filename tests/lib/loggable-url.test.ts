import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loggableUrl } from "~/lib/loggable-url";

/** Route parameters that name public things (a language, a campaign, a country, a numbered row). */
/** `file` is a share card's file name: a slug or a country code with `.png`. */
/** `signatureId` and `outreachId` are the OSDI API's public uuids (`treatywatch:<uuid>`), not secrets. */
const PUBLIC_PARAMS = new Set(["lng", "slug", "code", "id", "file", "signatureId", "outreachId"]);

/** `confirm.$token.tsx` → `/confirm/:token`, `$lng.organize.sign-in_.$token.tsx` → `/:lng/organize/sign-in/:token`. */
function routePath(file: string): string {
  const name = file.replace(/\.tsx?$/u, "").replace(/\[\.(\w+)\]/gu, "~$1");
  return `/${name
    .split(".")
    .filter((part) => part !== "_index" && !part.startsWith("__"))
    .map((part) => part.replace(/_$/u, "").replace(/^\$$/u, ":*").replace(/^\$/u, ":").replace(/~(\w+)$/u, ".$1"))
    .join("/")}`;
}

describe("what the request log keeps of a URL", () => {
  it.each([
    ["/en/petitions/stop-the-cybercrime-convention", "/en/petitions/stop-the-cybercrime-convention"],
    ["/en/petitions/stop/signed?ref=AbCdEf12&country=fra", "/en/petitions/stop/signed?[query]"],
    ["/confirm/c2lnbmF0dXJlOjE.0JZOvCc0S3MwoTiYObS20K0rE5H-BoZp3zq889WUof8?lng=en", "/confirm/[token]?[query]"],
    ["/withdraw/abc", "/withdraw/[token]"],
    ["/confirm/c2lnbmF0dXJlOjE.0JZOvCc0S3MwoTiYObS20K0rE5H-BoZp3zq889WUof8/receipt", "/confirm/[token]"],
    ["/unsubscribe/abc.def/more", "/unsubscribe/[token]"],
    ["/letters/status/abc.def?lng=fr&saved=recorded", "/letters/status/[token]?[query]"],
    ["/fr/organize/sign-in/abc.def", "/fr/organize/sign-in/[token]"],
    ["/fr/organize/sign-in?sent", "/fr/organize/sign-in?[query]"],
    ["/dev/outbox/1764000000000-42treaty.example.org", "/dev/outbox/[token]"],
    ["/dev/outbox?sent=1", "/dev/outbox?[query]"],
    ["/en/petitions/ann%40example.org", "/en/petitions/[redacted]"],
    ["/en/ann@example.org/x", "/en/[redacted]/x"],
    ["/en/Ann%20Lee", "/en/[redacted]"],
    ["/en/%E0%A4", "/en/[redacted]"],
    ["/x/c2lnbmF0dXJlOjE.0JZOvCc0S3MwoTiYObS20K0rE5H-BoZp3zq889WUof8", "/x/[token]"],
    ["/build/_shared/chunk-ABC123.js", "/build/_shared/chunk-ABC123.js"],
    ["/api/v1/countries/fra", "/api/v1/countries/fra"],
    ["/cards/en/petitions/stop-the-cybercrime-convention.png?v=12000", "/cards/en/petitions/stop-the-cybercrime-convention.png?[query]"],
    ["/cards/zh/countries/fra.png", "/cards/zh/countries/fra.png"],
  ])("%s → %s", (url, logged) => {
    expect(loggableUrl(url)).toBe(logged);
  });

  it("covers every route of the app whose parameter is not a public name", () => {
    const routes = readdirSync("app/routes").map(routePath);
    const secretRoutes = routes.filter((path) => path.split("/").some((part) => part.startsWith(":") && !PUBLIC_PARAMS.has(part.slice(1))));
    // The list is read from the routes folder: a new route with a token shows up here.
    expect(secretRoutes.sort()).toEqual(
      ["/confirm/:token", "/confirm/:token/receipt", "/dev/outbox/:name", "/letters/status/:token", "/:lng/organize/sign-in/:token", "/unsubscribe/:token", "/withdraw/:token", "/:lng/:*"].sort(),
    );
    // The catch-all (404) keeps plain words; addresses, names with spaces and tokens go (cases above).
    for (const route of secretRoutes.filter((r) => r !== "/:lng/:*")) {
      // A secret that looks like nothing in particular: not an address, not a signed token.
      const url = route.replace(":lng", "en").replace(/:\w+|:\*/u, "Secret-value-7").replace(/:\w+/gu, "x");
      expect(loggableUrl(url), route).not.toContain("Secret-value-7");
    }
  });
});
