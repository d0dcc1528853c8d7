import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { EMBED_SCRIPT } from "../../../app/modules/share/embed-script";
import { EMBED_MESSAGE_TYPE, FRAME_HEIGHT } from "../../../app/modules/share/embed-protocol";
import { campaignPageUrl, embedCode, embedFrameId, embedLanguage, embedSnippet, embedUrl, escapeAttribute, readEmbedCodes } from "../../../app/modules/share/embed-snippet";

const ORIGIN = "https://treaty.example.org";
const petition = { origin: ORIGIN, kind: "petition" as const, slug: "stop-it", lng: "fr" as const, ref: "", partner: "" };

describe("embedUrl and campaignPageUrl", () => {
  it("name the language, the codes that are set and the frame", () => {
    expect(embedUrl(petition)).toBe(`${ORIGIN}/embed/petitions/stop-it?lng=fr&frame=treatywatch-petition-stop-it`);
    expect(embedUrl({ ...petition, kind: "letter", ref: "flyer-2026", partner: "amnesty_fr" })).toBe(
      `${ORIGIN}/embed/letters/stop-it?lng=fr&ref=flyer-2026&partner=amnesty_fr&frame=treatywatch-letter-stop-it`,
    );
    expect(embedUrl(petition, "")).toBe(`${ORIGIN}/embed/petitions/stop-it?lng=fr`);
    expect(campaignPageUrl({ ...petition, ref: "flyer-2026" })).toBe(`${ORIGIN}/fr/petitions/stop-it?ref=flyer-2026`);
    expect(campaignPageUrl({ ...petition, kind: "letter", partner: "amnesty_fr" })).toBe(`${ORIGIN}/fr/letters/stop-it?partner=amnesty_fr`);
    expect(campaignPageUrl({ ...petition, origin: "" })).toBe("/fr/petitions/stop-it");
  });
});

describe("embedSnippet", () => {
  it("is an iframe with a fixed height and our listener script", () => {
    const snippet = embedSnippet({ ...petition, ref: "newsletter" }, "Pétition sur Treaty Watch");
    const [iframe, script] = snippet.split("\n");
    expect(iframe).toMatch(/^<iframe id="treatywatch-petition-stop-it" src="https:\/\/treaty\.example\.org\/embed\/petitions\/stop-it\?lng=fr&amp;ref=newsletter&amp;frame=treatywatch-petition-stop-it" /);
    expect(iframe).toContain(`height="${FRAME_HEIGHT.petition}"`);
    expect(iframe).toContain('title="Pétition sur Treaty Watch"');
    expect(iframe).toContain("data-treatywatch-embed></iframe>");
    expect(script).toBe(`<script src="${ORIGIN}/embed.js" async></script>`);
  });

  it("escapes what goes into attributes", () => {
    const snippet = embedSnippet(petition, `"><script>alert('x')</script>`);
    expect(snippet).toContain('title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"');
    expect(snippet.match(/<script\b/g)).toHaveLength(1);
    expect(escapeAttribute(`a&b"c'd<e>`)).toBe("a&amp;b&quot;c&#39;d&lt;e&gt;");
  });

  it("keeps an odd slug inside its attribute", () => {
    expect(embedSnippet({ ...petition, slug: 'a"b' }, "t")).toContain('src="https://treaty.example.org/embed/petitions/a%22b?');
  });
});

describe("codes from the organizer's form and from the embed's URL", () => {
  it("accepts empty or 6 to 32 letters, digits, - and _", () => {
    expect(readEmbedCodes({ ref: " flyer-2026 ", partner: null })).toEqual({ codes: { ref: "flyer-2026", partner: "" }, errors: {} });
    expect(readEmbedCodes({ ref: "abc", partner: "no spaces here" }).errors).toEqual({ ref: "organizeShare:errors.code", partner: "organizeShare:errors.code" });
    expect(readEmbedCodes({ ref: "x".repeat(33) }).errors.ref).toBe("organizeShare:errors.code");
  });

  it("drops what is not a code, a frame id or one of our languages", () => {
    expect(embedCode("partner_1")).toBe("partner_1");
    expect(embedCode("<b>bold</b>")).toBe("");
    expect(embedCode(null)).toBe("");
    expect(embedFrameId("treatywatch-petition-a")).toBe("treatywatch-petition-a");
    expect(embedFrameId('x" onload="y')).toBe("");
    expect(embedLanguage("ar", "en")).toBe("ar");
    expect(embedLanguage("de", "fr")).toBe("fr");
    expect(embedLanguage(null, "zh")).toBe("zh");
  });
});

/** The listener script run against a fake partner page: which frame's height a message sets. */
function partnerPage(frames: { src: string }[]) {
  const elements = frames.map((f) => ({ src: f.src, contentWindow: {}, style: { height: "" } }));
  let listener: ((event: unknown) => void) | undefined;
  const window: Record<string, unknown> = { addEventListener: (_type: string, fn: (event: unknown) => void) => (listener = fn) };
  const document = { currentScript: { src: `${ORIGIN}/embed.js` }, querySelectorAll: () => elements };
  runInNewContext(EMBED_SCRIPT, { window, document, location: { href: "https://partner.example.net/page" }, URL, Math, isFinite });
  return { elements, post: (event: unknown) => listener?.(event) };
}

describe("the listener script", () => {
  it("sets the height of the frame that sent the message, within limits", () => {
    const page = partnerPage([{ src: `${ORIGIN}/embed/petitions/a?lng=en` }, { src: `${ORIGIN}/embed/letters/b?lng=en` }]);
    page.post({ origin: ORIGIN, source: page.elements[1]!.contentWindow, data: { type: EMBED_MESSAGE_TYPE, height: 512.4, id: "x" } });
    expect(page.elements.map((e) => e.style.height)).toEqual(["", "513px"]);
    page.post({ origin: ORIGIN, source: page.elements[0]!.contentWindow, data: { type: EMBED_MESSAGE_TYPE, height: 1e9 } });
    expect(page.elements[0]!.style.height).toBe("6000px");
  });

  it("ignores messages from another origin, another window, or of another shape", () => {
    const page = partnerPage([{ src: `${ORIGIN}/embed/petitions/a?lng=en` }, { src: "https://elsewhere.example.com/embed/petitions/a" }]);
    const own = page.elements[0]!.contentWindow;
    page.post({ origin: "https://evil.example.com", source: own, data: { type: EMBED_MESSAGE_TYPE, height: 300 } });
    page.post({ origin: ORIGIN, source: {}, data: { type: EMBED_MESSAGE_TYPE, height: 300 } });
    page.post({ origin: ORIGIN, source: own, data: { type: "other", height: 300 } });
    page.post({ origin: ORIGIN, source: own, data: { type: EMBED_MESSAGE_TYPE, height: "300" } });
    page.post({ origin: ORIGIN, source: own, data: null });
    // A frame whose document is not ours, even if a message from our origin names its window.
    page.post({ origin: ORIGIN, source: page.elements[1]!.contentWindow, data: { type: EMBED_MESSAGE_TYPE, height: 300 } });
    expect(page.elements.map((e) => e.style.height)).toEqual(["", ""]);
  });
});
