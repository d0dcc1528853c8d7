import { describe, expect, it } from "vitest";
import { renderPetitionMarkdown } from "~/modules/petition/markdown.server";

describe("renderPetitionMarkdown", () => {
  it("renders organizer markdown: emphasis, lists, links that leave without a referrer", () => {
    const html = renderPetitionMarkdown("We ask **you**:\n\n1. Do not sign\n\n[countries](/en/countries)");
    expect(html).toContain("<strong>you</strong>");
    expect(html).toContain("<ol>");
    expect(html).toContain('<a href="/en/countries" rel="noopener noreferrer">countries</a>');
  });

  it("escapes raw HTML instead of passing it through", () => {
    const html = renderPetitionMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toMatch(/<script|<img/iu);
    expect(html).toContain("&lt;script&gt;");
  });

  it("refuses script URLs in links", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:x", "data:text/html;base64,PHNjcmlwdD4="]) {
      expect(renderPetitionMarkdown(`[click](${href})`), href).not.toContain("<a ");
    }
  });
});
