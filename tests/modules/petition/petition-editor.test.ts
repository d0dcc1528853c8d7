import { describe, expect, it } from "vitest";
import { missingLanguages, readPetitionForm } from "~/modules/petition/petition-editor";

const LANGS = ["en", "fr", "es"];
const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";
const english = { "title.en": "Protect researchers", "addressedTo.en": "Our government", "body.en": "Please do not ratify." };

describe("readPetitionForm", () => {
  it("keeps the languages with a text, and requires the default one", () => {
    const read = readPetitionForm(from({ slug: "protect-researchers", defaultLanguage: "en", goal: "5000", ...english, "title.fr": "Protéger", "addressedTo.fr": "Notre gouvernement", "body.fr": "Ne ratifiez pas." }), LANGS);
    expect(read.ok && Object.keys(read.draft.texts)).toEqual(["en", "fr"]);
    expect(read.ok && read.draft.goal).toBe(5000);
    expect(readPetitionForm(from({ slug: "x", defaultLanguage: "fr", ...english }), LANGS)).toEqual({
      ok: false,
      errors: { "title.fr": "editor.errors.title", "addressedTo.fr": "editor.errors.addressedTo", "body.fr": "editor.errors.body" },
    });
  });

  it("refuses a bad slug, goal, half a translation and a title over two lines", () => {
    const read = readPetitionForm(from({ slug: "Bad Slug", defaultLanguage: "en", goal: "-3", ...english, "title.en": "Two\nlines", "title.es": "Solo el título" }), LANGS);
    expect(read).toEqual({
      ok: false,
      errors: { slug: "editor.errors.slug", goal: "editor.errors.goal", "title.en": "editor.errors.title", "addressedTo.es": "editor.errors.addressedTo", "body.es": "editor.errors.body" },
    });
  });
});

describe("petition texts", () => {
  it("flags the languages without a text", () => {
    expect(missingLanguages({ en: {}, fr: {} }, LANGS)).toEqual(["es"]);
  });
});
