import { describe, expect, it } from "vitest";
import { readStoredMail, renderMail } from "../../emails/index";

const ctx = (lng: string) => ({ lng, publicUrl: "https://t.example", signingSecrets: ["s"], unsubscribeUrl: "https://t.example/unsubscribe/x" });
const stored = { alertId: "1", followId: "2", countryName: "France", countrySegment: "fra", certainty: "confirmed", status: "party", fromStatus: "signed", sourceUrl: "https://treaties.un.org/x", actedOn: "2026-12-01" };
const actions = [
  { kind: "petition", slug: "stop-it", defaultLanguage: "en", titles: { en: "Stop it", fr: "Arrêtez" }, headings: { en: "Declare the safeguards", fr: "Déclarez les garanties" } },
  { kind: "letter_campaign", slug: "write-now", defaultLanguage: "en", titles: { en: "Write now" }, headings: {} },
];

describe("the alert mail's action that now fits", () => {
  it("reads an alert queued before campaigns were named in it, with none", () => {
    const read = readStoredMail("country-alert", stored);
    expect(read.ok && read.mail.data).toMatchObject({ actions: [] });
    if (read.ok) expect(renderMail(read.mail.intent, ctx("en"), read.mail.data).text).not.toContain("/petitions/");
  });

  it("names each live campaign by its ask for the new status in the reader's language, else the default's, else its title", () => {
    const read = readStoredMail("country-alert", { ...stored, actions });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const fr = renderMail(read.mail.intent, ctx("fr"), read.mail.data).text;
    expect(fr).toContain("Signer la pétition : Déclarez les garanties");
    expect(fr).toContain("https://t.example/fr/petitions/stop-it");
    expect(fr).toContain("Écrire une lettre : Write now");
    expect(fr).toContain("https://t.example/fr/letters/write-now?country=fra");
    expect(renderMail(read.mail.intent, ctx("es"), read.mail.data).text).toContain("Firme la petición: Declare the safeguards");
  });

  it("refuses a stored campaign with a slug that is no slug", () => {
    expect(readStoredMail("country-alert", { ...stored, actions: [{ ...actions[0], slug: "../admin" }] }).ok).toBe(false);
  });
});
