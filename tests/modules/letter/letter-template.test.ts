import { describe, expect, it } from "vitest";
import { personalShare, renderLetter, unknownMergeFields, type MergeValues } from "~/modules/letter/letter-template";

const values = (overrides: Partial<MergeValues> = {}): MergeValues => ({
  "target.name": "Jeanne Dupont",
  "target.role": "Minister",
  "target.organization": "Ministry",
  "sender.name": "Ann Lee",
  "sender.city": "Lyon",
  "country.name": "France",
  ...overrides,
});

/** The demo template's opening in each language, with the fields it uses. */
const TEMPLATES: Record<string, [string, Partial<MergeValues>, string]> = {
  en: ["Dear {{target.name}}, as {{target.role}} you decide. — {{sender.name}}, {{sender.city}}", {}, "Dear Jeanne Dupont, as Minister you decide. — Ann Lee, Lyon"],
  fr: ["Madame, Monsieur {{ target.name }}, en tant que {{target.role}}, vous décidez pour {{country.name}}.", { "target.role": "ministre" }, "Madame, Monsieur Jeanne Dupont, en tant que ministre, vous décidez pour France."],
  es: ["Estimada persona titular de {{target.role}}: {{country.name}} debe decidir. {{sender.name}}", { "target.role": "Ministerio", "country.name": "Francia" }, "Estimada persona titular de Ministerio: Francia debe decidir. Ann Lee"],
  ar: ["السيد/السيدة {{target.name}}، بصفتكم {{target.role}} في {{country.name}}. {{sender.name}}", { "target.name": "جان دوبون", "target.role": "وزير", "country.name": "فرنسا", "sender.name": "آن لي" }, "السيد/السيدة جان دوبون، بصفتكم وزير في فرنسا. آن لي"],
  ru: ["Уважаемый(ая) {{target.name}}! Как {{target.role}}, вы решаете за {{country.name}}.", { "target.name": "Жанна Дюпон", "target.role": "министр", "country.name": "Францию" }, "Уважаемый(ая) Жанна Дюпон! Как министр, вы решаете за Францию."],
  zh: ["尊敬的{{target.name}}{{target.role}}：{{country.name}}的决定取决于您。{{sender.name}}（{{sender.city}}）", { "target.name": "杜邦", "target.role": "部长", "country.name": "法国", "sender.name": "李安", "sender.city": "里昂" }, "尊敬的杜邦部长：法国的决定取决于您。李安（里昂）"],
};

describe("renderLetter", () => {
  it.each(Object.entries(TEMPLATES))("fills the merge fields in %s", (_lng, [template, overrides, expected]) => {
    expect(renderLetter(template, values(overrides))).toBe(expected);
  });

  it("leaves nothing for an empty field, and never expands fields inside values", () => {
    expect(renderLetter("{{sender.name}}{{sender.city}}", values({ "sender.city": "" }))).toBe("Ann Lee");
    expect(renderLetter("Hi {{sender.name}}", values({ "sender.name": "{{target.name}}" }))).toBe("Hi {{target.name}}");
  });

  it("keeps unknown fields literally, and lists them for organizers", () => {
    expect(renderLetter("{{target.email}} {{sender.name}}", values())).toBe("{{target.email}} Ann Lee");
    expect(unknownMergeFields("{{target.email}} {{sender.name}} {{ foo.bar }} {{target.email}}")).toEqual(["target.email", "foo.bar"]);
    expect(unknownMergeFields("{{target.name}} {{country.name}}")).toEqual([]);
  });
});

describe("personalShare", () => {
  const template = "We urge you not to ratify the convention without strong human rights safeguards for journalists and researchers.";

  it("is 0 for the template itself, whatever the case or punctuation", () => {
    expect(personalShare(template.toUpperCase().replaceAll(" ", "  "), template)).toBe(0);
  });

  it("grows with the sender's own words", () => {
    const own = `${template} I am a security researcher in Lagos and my work depends on being able to report vulnerabilities without fear.`;
    const share = personalShare(own, template);
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.8);
    expect(personalShare("Something entirely different written by me about my own life here.", template)).toBe(1);
  });

  it("works for scripts without spaces", () => {
    const zh = "我们敦促您在没有强有力的人权保障的情况下不要批准该公约。";
    expect(personalShare(zh, zh)).toBe(0);
    expect(personalShare(`${zh}我是一名记者，这项公约会影响我的工作和我的消息来源。`, zh)).toBeGreaterThan(0.3);
  });
});
