import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let base: string;
let handle: TestServer["database"];

beforeAll(async () => {
  server = await startTestServer();
  base = server.base;
  handle = server.database;
});
afterAll(async () => server?.close());

const get = (path: string, headers: Record<string, string> = {}) => server.get(path, headers);

describe("language routing", () => {
  it("redirects / by Accept-Language q-values, then English", async () => {
    expect((await get("/", { "accept-language": "de-DE,fr;q=0.8" })).headers.get("location")).toBe("/fr");
    expect((await get("/", { "accept-language": "ja" })).headers.get("location")).toBe("/en");
    const response = await get("/");
    expect(response.status).toBe(302);
    expect(response.headers.get("vary")).toMatch(/Accept-Language/);
  });

  it("remembers the language of the last page seen, over Accept-Language: set on private pages, never on public ones", async () => {
    // A public page is one copy for everyone in shared caches: no cookie (the browser sets it, app/root.tsx).
    const page = await get("/ru", { "accept-language": "fr" });
    expect(page.headers.get("set-cookie")).toBeNull();
    expect(page.headers.get("cache-control")).toMatch(/^public, /);
    // A private page remembers it, readable by the browser's script too (which keeps it on public pages).
    const signIn = await get("/ru/organize/sign-in", { "accept-language": "fr" });
    const cookie = signIn.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lng=ru;/);
    expect(cookie).not.toMatch(/HttpOnly/i);
    expect(signIn.headers.get("cache-control")).toBe("private, no-store");
    // Already remembered: no cookie again.
    expect((await get("/ru/organize/sign-in", { cookie: "lng=ru" })).headers.get("set-cookie")).toBeNull();
    const redirect = await get("/", { "accept-language": "fr", cookie: "lng=ru" });
    expect(redirect.headers.get("location")).toBe("/ru");
    expect(redirect.headers.get("cache-control")).toMatch(/^private/);
    expect((await get("/", { "accept-language": "fr", cookie: "lng=xx" })).headers.get("location")).toBe("/fr");
  });

  it.each([
    ["en", "ltr"],
    ["fr", "ltr"],
    ["ar", "rtl"],
    ["zh", "ltr"],
  ])("renders /%s with lang and dir, and hreflang alternates", async (lng, dir) => {
    const response = await get(`/${lng}/countries`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`<html lang="${lng}" dir="${dir}">`);
    for (const other of ["en", "fr", "es", "ar", "ru", "zh"]) {
      expect(html).toContain(`<link rel="alternate" hrefLang="${other}" href="https://treaty.example.org/${other}/countries"/>`);
    }
  });

  it("answers an unknown language prefix or page with a localized 404 page", async () => {
    for (const path of ["/xx", "/de/countries", "/en/no-such-page", "/favicon.ico"]) {
      const response = await get(path, { "accept-language": "es" });
      expect(response.status, path).toBe(404);
      const html = await response.text();
      expect(html).toContain("<h1");
      expect(html).not.toMatch(/\n\s+at /);
    }
    const spanish = await (await get("/xx", { "accept-language": "es" })).text();
    expect(spanish).toContain('<html lang="es"');
  });
});

describe("country pages", () => {
  it.each(["FR", "fr", "FRA", "Fra"])("redirect %s to the one canonical address", async (code) => {
    const response = await get(`/en/countries/${code}`);
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/en/countries/fra");
  });

  it("shows a country's facts with their sources", async () => {
    const html = await (await get("/en/countries/fra")).text();
    expect(html).toContain("A/RES/74/247");
    expect(html).toContain("treaties.un.org");
  });

  it("filters the table by region, status and vote through the query string", async () => {
    const html = await (await get("/en/countries?region=Europe&status=not_signed&vote=no")).text();
    const row = (code: string) => `<th scope="row"><a data-discover="true" href="/en/countries/${code}"`;
    expect(html).toContain(row("deu"));
    expect(html).not.toContain(row("fra")); // signed
    expect(html).not.toContain(row("bra")); // not in Europe
    // Unknown filter values are ignored, not an error.
    expect((await get("/en/countries?region=Atlantis&sort=%3Cx%3E")).status).toBe(200);
  });

  it("suggests country names in the page's language as the visitor types", async () => {
    const html = await (await get("/fr/countries")).text();
    expect(html).toMatch(/<input[^>]+list="[^"]+"/);
    expect(html).toContain('<option value="Allemagne">');
    expect(html).toContain('<option value="Union européenne">');
  });

  it("offers the visitor's likely country in the browser: the page is the same whatever Accept-Language says", async () => {
    const canadian = await (await get("/fr", { "accept-language": "fr-CA,fr;q=0.9" })).text();
    const plain = await (await get("/fr", { "accept-language": "fr" })).text();
    for (const html of [canadian, plain]) {
      expect(html).not.toContain('class="likely-country"');
      // The countries the browser picks among, with their alpha-2 codes (in Remix's stream encoding).
      expect(html).toContain('\\"code2\\"');
      expect(html).toContain('\\"CA\\"');
    }
    const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/gu, "").replace(/"cspNonce":"[^"]*"/gu, "");
    expect(withoutNonce(canadian)).toBe(withoutNonce(plain));
  });

  it("are for shared caches for the configured life, whatever cookie the visitor sends, and never set one", async () => {
    for (const cookie of [{}, { cookie: "lng=en" }, { cookie: "lng=fr; other=1" }] as Record<string, string>[]) {
      const page = await get("/en/countries/fra", cookie);
      expect(page.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=30, stale-while-revalidate=30, stale-if-error=86400");
      expect(page.headers.get("set-cookie")).toBeNull();
      expect(page.headers.get("vary")).toBe("Accept-Encoding");
    }
    // An organizer's request (their session cookie) is theirs: private, revalidated by the browser.
    expect((await get("/en/countries/fra", { cookie: "tw_organizer=x" })).headers.get("cache-control")).toBe("private, no-cache");
    // A query of the visitor's own is never stored.
    expect((await get("/en/countries?sort=name")).headers.get("cache-control")).toBe("private, no-store");
    // An unknown country: an error, never stored.
    const missing = await get("/en/countries/zzz");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("private, no-store");
  });

  it("carry an ETag that survives the per-response nonce, and answer 304 when unchanged", async () => {
    const first = await get("/en/countries/fra", { cookie: "lng=en" });
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    const again = await get("/en/countries/fra", { cookie: "lng=en" });
    expect(again.headers.get("etag")).toBe(etag);
    const revalidated = await get("/en/countries/fra", { cookie: "lng=en", "if-none-match": etag! });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    // Another language is another document.
    expect((await get("/fr/countries/fra", { cookie: "lng=fr" })).headers.get("etag")).not.toBe(etag);
  });

  it("404s an unknown code", async () => {
    expect((await get("/en/countries/zzz")).status).toBe(404);
    expect((await get("/en/countries/a%20b")).status).toBe(404);
  });

  it.each(["Etats-Unis", "États-Unis", "USA", "美国", "Estados Unidos", "Соединённые Штаты"])(
    "search for %s finds the United States",
    async (query) => {
      expect((await get(`/en/countries?q=${encodeURIComponent(query)}`)).headers.get("location")).toBe("/en/countries/usa");
    },
  );

  it("shows no signature found for Germany and France as signed on 25 October 2025, each with its confidence and source", async () => {
    const germany = await (await get("/en/countries/de", { cookie: "lng=en" })).headers.get("location");
    expect(germany).toBe("/en/countries/deu");
    const germanyHtml = await (await get("/en/countries/deu")).text();
    // Never "has not signed" as a fact: only what our sources show, and that they are unchecked.
    expect(germanyHtml).toContain("No signature by Germany found in our sources, which have not yet been checked against the UN Treaty Collection record.");
    expect(germanyHtml).not.toMatch(/has not signed/i);
    expect(germanyHtml).toContain('class="source-link"');
    expect(await (await get("/fr/countries/deu")).text()).toContain("Aucune signature trouvée");
    const franceHtml = await (await get("/en/countries/fra")).text();
    expect(franceHtml).toContain("France signed the convention on October 25, 2025.");
    expect(franceHtml).toMatch(/France signed the convention\.[^]*?UN Treaty Collection record[^]*?class="source-link" href="https:\/\/treaties\.un\.org/);
    expect(franceHtml).not.toContain("Last updated in our database");
  });

  it("search lands on a country page or lists the matches", async () => {
    expect((await get("/en/countries?q=Allemagne")).headers.get("location")).toBe("/en/countries/deu");
    const list = await get("/en/countries?q=korea");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('href="/en/countries/kor"');
    expect(html).toContain('href="/en/countries/prk"');
  });
});

describe("texts sent to the browser", () => {
  it("are the public namespaces on public pages, and the organizer area's texts only there", async () => {
    const organizerText = "Email me a sign-in link";
    const petition = await (await server.get("/en/petitions/no-such-petition")).text();
    const country = await (await server.get("/en/countries/fra")).text();
    for (const page of [petition, country]) expect(page).not.toContain(organizerText);
    expect(country).toContain("Where does your country stand");
    expect(await (await server.get("/en/organize/sign-in")).text()).toContain(organizerText);
  });
});

describe("bad requests get a clean 4xx, never a 500", () => {
  it("refuses a malformed URL", async () => {
    const response = await get("/en/%E0%A4%A");
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<h1>");
  });

  it("refuses an oversized body before reading it", async () => {
    const response = await fetch(`${base}/en`, { method: "POST", body: "x".repeat(200 * 1024), redirect: "manual" });
    expect(response.status).toBe(413);
  });

  it("refuses a POST to a page without an action", async () => {
    const response = await fetch(`${base}/en`, { method: "POST", body: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(405);
  });
});

describe("security headers", () => {
  it("allow only scripts carrying this response's nonce", async () => {
    const response = await get("/en");
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("never repeats a nonce", async () => {
    const nonces = await Promise.all([1, 2, 3].map(async () => (await get("/en")).headers.get("content-security-policy")));
    expect(new Set(nonces).size).toBe(3);
  });
});

describe("the local outbox", () => {
  it("is a 404 outside a local trial", async () => {
    expect((await get("/dev/outbox")).status).toBe(404);
    expect((await get("/dev/outbox/1-x")).status).toBe(404);
  });
});

describe("unsubscribing", () => {
  it("shows a button on GET, suppresses the address only on POST, and refuses forged links", async () => {
    const { unsubscribeUrlFor } = await import("~/modules/mail/unsubscribe.service.server");
    const url = unsubscribeUrlFor("Reader@Example.org", "", ["test-secret"]);
    const page = await get(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("reader@example.org");
    const { addressLimitKey } = await import("~/modules/mail/address-key.server");
    const suppressed = () => handle.db.selectFrom("mail_suppressions").selectAll().where("address_key", "=", addressLimitKey("reader@example.org", ["test-secret"])).execute();
    expect(await suppressed()).toHaveLength(0);
    // A mail client's RFC 8058 one-click POST.
    const post = await fetch(`${base}${url}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      redirect: "manual",
    });
    expect(post.status).toBe(302);
    expect(await suppressed()).toMatchObject([{ reason: "unsubscribed" }]);
    // The button on a page in French leads to the page that says it is done, in French.
    const button = await fetch(`${base}${url}?lng=fr`, { method: "POST", body: "", headers: { "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    expect(button.headers.get("location")).toBe(`${url}?lng=fr&done`);
    expect(await (await get(`${url}?lng=fr&done`)).text()).toMatch(/<title>[^<]+ · Treaty Watch<\/title>/u);
    expect((await get(`${url.slice(0, -3)}abc`)).status).toBe(404);
    expect((await get("/unsubscribe/nonsense")).status).toBe(404);
  });
});

describe("health", () => {
  it("says alive and ready with current migrations", async () => {
    expect((await get("/healthz")).status).toBe(200);
    const ready = await get("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", database: handle.kind });
  });
});
