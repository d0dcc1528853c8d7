import { describe, expect, it } from "vitest";
import { withDemoServer } from "../support/demo-server";
import { organizerClient } from "../support/organizer-client";
import { DEMO_PETITION, signaturesOf, demoPetition } from "../support/petition";
import { postSignature } from "../support/sign-form";
import { decodeQrSvg as decodeQr } from "../support/qr";
import { TEST_PUBLIC_URL, type TestServer } from "../support/test-server";

const LETTERS = "write-to-your-government";
let server: TestServer;
const { signInAs } = organizerClient(() => server);

withDemoServer((started) => (server = started));

const unescaped = (html: string) => html.replace(/&quot;/gu, '"').replace(/&lt;/gu, "<").replace(/&gt;/gu, ">").replace(/&amp;/gu, "&");
/** The snippet as the organizer copies it (its attributes HTML-escaped: `&amp;` between query parameters). */
const snippetIn = (html: string) => unescaped(/<textarea[^>]*id="share-snippet"[^>]*>([^<]*)<\/textarea>/u.exec(html)?.[1] ?? "");

const ORGANIZER_PATHS = [
  `/en/organize/petitions/${DEMO_PETITION}/share`,
  `/en/organize/petitions/${DEMO_PETITION}/qr.svg`,
  `/en/organize/letters/${LETTERS}/share`,
  `/en/organize/letters/${LETTERS}/qr.svg?ref=flyer-2026`,
];

describe("share and embed in the organizer area", () => {
  it.each(ORGANIZER_PATHS)("sends a stranger to sign in from %s, with no snippet or QR code", async (path) => {
    const answer = await server.get(path);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/en/organize/sign-in");
    const body = await answer.text();
    expect(body).not.toContain("<svg");
    expect(body).not.toContain("iframe");
  });

  it("refuses a forged or old session cookie the same way", async () => {
    const answer = await server.get(ORGANIZER_PATHS[1]!, { cookie: "tw_organizer=forged-value-that-is-long-enough-to-parse" });
    expect(answer.status).toBe(302);
  });

  it("shows a viewer the snippet, the public address and the QR code of a petition", async () => {
    const cookie = await signInAs("viewer", "share-viewer@example.org");
    const answer = await server.get(`/fr/organize/petitions/${DEMO_PETITION}/share`, { cookie });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    const html = await answer.text();
    const snippet = snippetIn(html);
    expect(snippet).toContain(`<iframe id="treatywatch-petition-${DEMO_PETITION}" src="${TEST_PUBLIC_URL}/embed/petitions/${DEMO_PETITION}?lng=fr&amp;frame=treatywatch-petition-${DEMO_PETITION}"`);
    expect(snippet).toContain(`<script src="${TEST_PUBLIC_URL}/embed.js" async></script>`);
    expect(html).toContain(`value="${TEST_PUBLIC_URL}/fr/petitions/${DEMO_PETITION}"`);
    expect(html).toContain(`src="/fr/organize/petitions/${DEMO_PETITION}/qr.svg"`);
    expect(html).toContain("Partager et intégrer");
    // The dashboard leads there.
    expect(await (await server.get(`/fr/organize/petitions/${DEMO_PETITION}`, { cookie })).text()).toContain(`href="/fr/organize/petitions/${DEMO_PETITION}/share"`);
  });

  it("puts the chosen language and codes in the snippet, and refuses an invalid code by its field, keeping what was typed", async () => {
    const cookie = await signInAs("organizer", "share-organizer@example.org");
    const good = await (await server.get(`/en/organize/letters/${LETTERS}/share?language=ar&ref=flyer-2026&partner=amnesty_fr`, { cookie })).text();
    expect(snippetIn(good)).toContain(`src="${TEST_PUBLIC_URL}/embed/letters/${LETTERS}?lng=ar&amp;ref=flyer-2026&amp;partner=amnesty_fr&amp;frame=treatywatch-letter-${LETTERS}"`);
    expect(good).toContain(`value="${TEST_PUBLIC_URL}/ar/letters/${LETTERS}?ref=flyer-2026&amp;partner=amnesty_fr"`);
    expect(good).toContain(`qr.svg?ref=flyer-2026"`);

    const bad = await (await server.get(`/en/organize/letters/${LETTERS}/share?ref=no%20way&partner=ok-partner`, { cookie })).text();
    expect(bad).toContain('<p class="field-error" id="editor-ref-error">Use 6 to 32 letters, digits, - or _.</p>');
    expect(bad).toContain('value="no way"');
    expect(bad).toMatch(/id="editor-ref"[^>]*aria-invalid="true"/u);
    expect(snippetIn(bad)).toContain(`?lng=en&amp;partner=ok-partner&amp;frame=`);
    expect(snippetIn(bad)).not.toContain("ref=");
  });

  it("lets an organizer download the QR code of the public address, with the referral code", async () => {
    const cookie = await signInAs("viewer", "share-qr@example.org");
    const answer = await server.get(`/es/organize/petitions/${DEMO_PETITION}/qr.svg?ref=flyer-2026`, { cookie });
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(answer.headers.get("content-disposition")).toBe(`attachment; filename="treatywatch-petition-${DEMO_PETITION}-flyer-2026-qr.svg"`);
    expect(answer.headers.get("cache-control")).toBe("private, no-store");
    expect(decodeQr(await answer.text())).toBe(`${TEST_PUBLIC_URL}/es/petitions/${DEMO_PETITION}?ref=flyer-2026`);
    // An invalid code is left out rather than printed.
    expect(decodeQr(await (await server.get(`/en/organize/letters/${LETTERS}/qr.svg?ref=%3Cb%3E`, { cookie })).text())).toBe(`${TEST_PUBLIC_URL}/en/letters/${LETTERS}`);
  });

  it("answers 404 for a campaign that does not exist", async () => {
    const cookie = await signInAs("viewer", "share-404@example.org");
    expect((await server.get("/en/organize/petitions/no-such-petition/share", { cookie })).status).toBe(404);
    expect((await server.get("/en/organize/letters/no-such-campaign/qr.svg", { cookie })).status).toBe(404);
  });
});

describe("the embeds", () => {
  it("may frame a letter campaign on any site: its count and a way to write that opens our page with the codes", async () => {
    const answer = await server.get(`/embed/letters/${LETTERS}?lng=fr&ref=flyer-2026&partner=amnesty_fr&frame=treatywatch-letter-x`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(answer.headers.get("x-frame-options")).toBeNull();
    const html = await answer.text();
    expect(html).toContain(`href="/fr/letters/${LETTERS}?ref=flyer-2026&amp;partner=amnesty_fr" target="_blank"`);
    expect(html).toContain("Écrire votre lettre");
    expect(html).not.toContain('class="site-header');
    expect((await server.get("/embed/letters/no-such-campaign?lng=en")).status).toBe(404);
  });

  it("passes the petition embed's ref to the signature and its partner to the full page; drops invalid codes", async () => {
    const path = `/embed/petitions/${DEMO_PETITION}?lng=en&ref=partner-list&partner=amnesty_fr&frame=treatywatch-petition-x`;
    const html = await (await server.get(path)).text();
    expect(html).toContain('name="ref" value="partner-list"');
    expect(html).toContain(`href="/en/petitions/${DEMO_PETITION}?ref=partner-list&amp;partner=amnesty_fr"`);
    expect(html).toContain(`action="/embed/petitions/${DEMO_PETITION}?lng=en&amp;ref=partner-list&amp;partner=amnesty_fr&amp;frame=treatywatch-petition-x"`);
    const signed = await postSignature(server, path, { email: "embedded-ref@example.org", ref: "partner-list" });
    expect(signed.status).toBe(302);
    expect(signed.headers.get("location")).toBe(`/embed/petitions/${DEMO_PETITION}?lng=en&ref=partner-list&partner=amnesty_fr&frame=treatywatch-petition-x&signed`);
    const petition = await demoPetition(server.database.db);
    const row = (await signaturesOf(server.database.db, petition.id)).find((s) => s.email === "embedded-ref@example.org");
    expect(row?.referred_by).toBe("partner-list");

    const odd = await (await server.get(`/embed/petitions/${DEMO_PETITION}?lng=en&ref=%22%3E%3Cscript%3E&frame=%22onload`)).text();
    expect(odd).toContain('name="ref" value=""');
    expect(odd).not.toContain("onload");
  });

  it("serves the listener script to any site, cacheable; other pages still refuse framing", async () => {
    const script = await server.get("/embed.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=3600, s-maxage=86400");
    expect(script.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(await script.text()).toContain('"treatywatch:height"');
    for (const path of ["/en", `/en/letters/${LETTERS}`, `/en/petitions/${DEMO_PETITION}`]) {
      const page = await server.get(path);
      expect(page.headers.get("content-security-policy"), path).toContain("frame-ancestors 'none'");
      expect(page.headers.get("x-frame-options"), path).toBe("DENY");
      expect(page.headers.get("cross-origin-resource-policy"), path).toBe("same-origin");
    }
  });
});
