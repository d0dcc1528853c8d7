import { describe, expect, it } from "vitest";
import { askGroupOf, pickAsk, pickLetterTemplate, readAsksForm, type AskVariant } from "~/modules/campaign/campaign-asks";
import { unknownMergeFields } from "~/modules/letter/letter-template";

const ask = (statusGroup: AskVariant["statusGroup"], language: string, letterTemplate: string | null = null): AskVariant => ({
  statusGroup,
  language,
  heading: `${statusGroup} ${language}`,
  body: "text",
  letterTemplate,
});

describe("askGroupOf", () => {
  it("puts not signed and not joined together, and a reported approval with the signatories", () => {
    expect(askGroupOf("not_signed")).toBe("not_signed");
    expect(askGroupOf("not_joined")).toBe("not_signed");
    expect(askGroupOf("signed")).toBe("signed");
    expect(askGroupOf("domestic_approval_reported")).toBe("signed");
    expect(askGroupOf("party")).toBe("party");
    expect(askGroupOf("in_force")).toBe("in_force");
  });
});

describe("pickAsk", () => {
  const asks = [ask("signed", "en"), ask("signed", "fr"), ask("party", "en"), ask("not_signed", "fr")];

  it("takes this status in the reader's language", () => {
    expect(pickAsk(asks, "signed", "fr", "en")?.heading).toBe("signed fr");
    expect(pickAsk(asks, "domestic_approval_reported", "fr", "en")?.heading).toBe("signed fr");
  });

  it("falls back to this status in the campaign's default language", () => {
    expect(pickAsk(asks, "signed", "ar", "en")?.heading).toBe("signed en");
    expect(pickAsk(asks, "party", "zh", "en")?.heading).toBe("party en");
  });

  it("never shows another status's ask: null leaves the campaign's general text", () => {
    expect(pickAsk(asks, "not_joined", "ru", "en")).toBeNull();
    expect(pickAsk([ask("party", "en")], "signed", "en", "en")).toBeNull();
    expect(pickAsk([], "party", "en", "en")).toBeNull();
  });

  it("shows a party in force the party's ask when in force has none", () => {
    expect(pickAsk(asks, "in_force", "en", "en")?.heading).toBe("party en");
    expect(pickAsk([...asks, ask("in_force", "en")], "in_force", "fr", "en")?.heading).toBe("in_force en");
  });
});

describe("pickLetterTemplate", () => {
  it("takes the status's template in the letter's language, else the campaign's", () => {
    const asks = [ask("signed", "en", "Signed EN"), ask("signed", "fr"), ask("party", "fr", "Partie FR")];
    expect(pickLetterTemplate(asks, "signed", "en", "General")).toBe("Signed EN");
    // An ask without a template, or a template in another language, leaves the campaign's.
    expect(pickLetterTemplate(asks, "signed", "fr", "Général")).toBe("Général");
    expect(pickLetterTemplate(asks, "party", "en", "General")).toBe("General");
    expect(pickLetterTemplate(asks, "in_force", "fr", "Général")).toBe("Partie FR");
    expect(pickLetterTemplate(asks, "not_signed", "en", "General")).toBe("General");
  });
});

describe("readAsksForm", () => {
  const form = (fields: Record<string, string>) => (name: string) => fields[name] ?? "";
  const isTemplate = (text: string) => unknownMergeFields(text).length === 0;

  it("reads the groups filled and skips the empty ones", () => {
    const read = readAsksForm(form({ "heading.signed": " Ratify with safeguards ", "body.signed": "Ask parliament.\r\nNow.", "heading.party": "Keep", "body.party": "Declare" }), false, isTemplate);
    expect(read).toEqual({
      ok: true,
      asks: { signed: { heading: "Ratify with safeguards", body: "Ask parliament.\nNow.", template: "" }, party: { heading: "Keep", body: "Declare", template: "" } },
    });
  });

  it("refuses a half-written ask, a heading on two lines and a template naming an unknown field", () => {
    const read = readAsksForm(
      form({ "heading.signed": "Only a heading", "body.party": "Only a text", "heading.in_force": "A\u2028B", "body.in_force": "x", "heading.not_signed": "H", "body.not_signed": "B", "template.not_signed": "Dear {{target.nme}}" }),
      true,
      isTemplate,
    );
    expect(read).toEqual({
      ok: false,
      errors: {
        "body.signed": "organize:asks.editor.errors.body",
        "heading.party": "organize:asks.editor.errors.heading",
        "heading.in_force": "organize:asks.editor.errors.heading",
        "template.not_signed": "organize:asks.editor.errors.template",
      },
    });
  });

  it("keeps a letter campaign's template and ignores one posted for a petition", () => {
    const fields = { "heading.party": "H", "body.party": "B", "template.party": "Dear {{target.name}}" };
    expect(readAsksForm(form(fields), true, isTemplate)).toEqual({ ok: true, asks: { party: { heading: "H", body: "B", template: "Dear {{target.name}}" } } });
    expect(readAsksForm(form(fields), false, isTemplate)).toEqual({ ok: true, asks: { party: { heading: "H", body: "B", template: "" } } });
  });
});
