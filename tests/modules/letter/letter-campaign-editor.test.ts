import { describe, expect, it } from "vitest";
import { readLetterCampaignForm, publishBlocker } from "~/modules/letter/letter-campaign-editor";

const LANGS = ["en", "fr"];
const settings = { slug: "write-now", defaultLanguage: "en", deliveryMode: "digest", dailyCapPerTarget: "20", minPersonalChars: "40" };
const english = { "title.en": "Write now", "intro.en": "Tell them.", "subjects.en": "Do not ratify\r\n\r\n  Protect researchers  ", "bodyTemplate.en": "Dear {{target.name}},\n\nRegards, {{sender.name}}" };
const read = (values: Record<string, string>, targets: string[] = ["3", "5", "3"]) =>
  readLetterCampaignForm(
    (name) => values[name] ?? "",
    (name) => (name === "target" ? targets : []),
    LANGS,
  );

describe("readLetterCampaignForm", () => {
  it("reads settings, targets once each, and subject lines without blanks", () => {
    const result = read({ ...settings, ...english });
    expect(result).toEqual({
      ok: true,
      draft: {
        slug: "write-now",
        defaultLanguage: "en",
        deliveryMode: "digest",
        dailyCapPerTarget: 20,
        minPersonalChars: 40,
        goal: null,
        targetIds: [3, 5],
        texts: { en: { title: "Write now", intro: "Tell them.", subjects: ["Do not ratify", "Protect researchers"], bodyTemplate: "Dear {{target.name}},\n\nRegards, {{sender.name}}" } },
      },
    });
  });

  it("reads a goal of confirmed letters, and refuses one that is no whole number above 0", () => {
    const withGoal = (goal: string) => read({ ...settings, ...english, goal });
    expect(withGoal(" 5000 ")).toMatchObject({ ok: true, draft: { goal: 5000 } });
    for (const goal of ["0", "1.5", "1e3", "0x10", "-1", "ten", "100000001"]) expect(withGoal(goal), goal).toEqual({ ok: false, errors: { goal: "editor.errors.goal" } });
  });

  it("refuses unknown merge fields, too many subjects, bad numbers and modes, half a translation, by the field", () => {
    const result = read(
      {
        ...settings,
        deliveryMode: "carrier-pigeon",
        dailyCapPerTarget: "0",
        minPersonalChars: "2.5",
        goal: "-5",
        ...english,
        "bodyTemplate.en": "Dear {{target.nam}}",
        "subjects.en": Array.from({ length: 11 }, (_, i) => `Subject ${i}`).join("\n"),
        "title.fr": "Écrivez",
      },
      ["7", "x"],
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        deliveryMode: "letterEditor.errors.deliveryMode",
        dailyCapPerTarget: "letterEditor.errors.dailyCap",
        minPersonalChars: "letterEditor.errors.minPersonalChars",
        goal: "editor.errors.goal",
        targets: "letterEditor.errors.targets",
        "subjects.en": "letterEditor.errors.subjects",
        "bodyTemplate.en": "letterEditor.errors.bodyTemplate",
        "intro.fr": "letterEditor.errors.intro",
        "subjects.fr": "letterEditor.errors.subjects",
        "bodyTemplate.fr": "letterEditor.errors.bodyTemplate",
      },
    });
  });

  it("refuses a target id no database integer can hold, instead of passing it on", () => {
    expect(read({ ...settings, ...english }, ["99999999999"])).toMatchObject({ ok: false, errors: { targets: "letterEditor.errors.targets" } });
  });

  it("needs an active target to publish", () => {
    expect(publishBlocker(0)).toBe("letterEditor.errors.noTargets");
    expect(publishBlocker(1)).toBeNull();
  });
});
