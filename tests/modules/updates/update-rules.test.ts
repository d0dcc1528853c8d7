import { describe, expect, it } from "vitest";
import { bulkRoom } from "~/modules/mail/outgoing-mail";
import {
  audiencesFor,
  checkSendAt,
  isDue,
  mailLanguage,
  mayDo,
  mayMailPerson,
  parseFormTime,
  readUpdateValues,
  textFor,
  updateMailKey,
  validateUpdate,
} from "~/modules/updates/update-rules";

const NOW = new Date("2026-12-05T12:00:00Z");
const values = (fields: Record<string, string>) =>
  readUpdateValues(
    new Map(
      Object.entries({
        audience: "signers",
        defaultLanguage: "en",
        subject_en: "S",
        body_en: "B",
        ...fields,
      }),
    ),
  );

describe("update rules", () => {
  it("only consenting, confirmed people not on the do-not-mail list are mailed", () => {
    expect(mayMailPerson({ confirmed: true, consent: true }, false)).toEqual({
      mail: true,
    });
    expect(mayMailPerson({ confirmed: true, consent: false }, false)).toEqual({
      mail: false,
      reason: "no_consent",
    });
    expect(mayMailPerson({ confirmed: false, consent: true }, false)).toEqual({
      mail: false,
      reason: "not_confirmed",
    });
    expect(mayMailPerson({ confirmed: true, consent: true }, true)).toEqual({
      mail: false,
      reason: "do_not_mail",
    });
  });

  it("a person's language if written, else the default; the public page falls back the same way", () => {
    expect(mailLanguage("fr", ["en", "fr"], "en")).toBe("fr");
    expect(mailLanguage("zh", ["en", "fr"], "en")).toBe("en");
    const texts = new Map([
      ["en", "E"],
      ["ar", "A"],
    ]);
    expect(textFor(texts, "ar", "en")).toBe("A");
    expect(textFor(texts, "ru", "en")).toBe("E");
  });

  it("the compose form: the default language in full, others in full or empty, an audience of this campaign, a country for followers", () => {
    expect(validateUpdate(values({}), "petition")).toMatchObject({
      ok: true,
      update: {
        audience: "signers",
        texts: { en: { subject: "S", body: "B" } },
      },
    });
    expect(validateUpdate(values({ subject_en: "", body_en: "" }), "petition")).toMatchObject({
      ok: false,
      errors: { subject_en: "errors.defaultText" },
    });
    expect(validateUpdate(values({ subject_fr: "Sujet" }), "petition")).toMatchObject({ ok: false, errors: { body_fr: "errors.bodyMissing" } });
    expect(validateUpdate(values({ audience: "writers" }), "petition")).toMatchObject({ ok: false, errors: { audience: "errors.audience" } });
    expect(validateUpdate(values({ audience: "writers" }), "letter")).toMatchObject({ ok: true });
    expect(validateUpdate(values({ audience: "followers" }), "letter")).toMatchObject({ ok: false, errors: { country: "errors.countryNeeded" } });
    expect(validateUpdate(values({ audience: "followers", country: "fra" }), "letter")).toMatchObject({ ok: true, update: { country: "FRA" } });
    expect(validateUpdate(values({ since: "2026-02-30" }), "petition")).toMatchObject({ ok: false, errors: { since: "errors.date" } });
    expect(validateUpdate(values({ language: "de" }), "petition")).toMatchObject({ ok: false, errors: { language: "errors.language" } });
    expect(validateUpdate(values({ subject_en: "x".repeat(201) }), "petition")).toMatchObject({
      ok: false,
      errors: { subject_en: "errors.subjectLong" },
    });
    expect(audiencesFor("petition")).toEqual(["signers", "followers"]);
  });

  it("times: a date or a UTC time; scheduling needs a time ahead, within a year", () => {
    expect(parseFormTime("2026-12-06T09:30")?.toISOString()).toBe("2026-12-06T09:30:00.000Z");
    expect(parseFormTime("2026-12-06")?.toISOString()).toBe("2026-12-06T00:00:00.000Z");
    expect(parseFormTime("tomorrow")).toBeNull();
    expect(checkSendAt(null, NOW)).toBe("missing");
    expect(checkSendAt(new Date("2026-12-05T11:00:00Z"), NOW)).toBe("past");
    expect(checkSendAt(new Date("2028-12-05T11:00:00Z"), NOW)).toBe("far");
    expect(checkSendAt(new Date("2026-12-05T13:00:00Z"), NOW)).toBe("ok");
    expect(isDue({ status: "scheduled", sendAt: new Date("2026-12-05T12:00:00Z") }, NOW)).toBe(true);
    expect(isDue({ status: "draft", sendAt: new Date("2026-12-05T12:00:00Z") }, NOW)).toBe(false);
  });

  it("which actions each state takes", () => {
    expect(mayDo("draft", "send")).toBe(true);
    expect(mayDo("draft", "cancel")).toBe(false);
    expect(mayDo("scheduled", "cancel")).toBe(true);
    expect(mayDo("scheduled", "schedule")).toBe(true);
    expect(mayDo("sending", "cancel")).toBe(true);
    expect(mayDo("sending", "send")).toBe(false);
    expect(mayDo("sent", "cancel")).toBe(false);
    expect(mayDo("cancelled", "send")).toBe(false);
    expect(updateMailKey("7", "s", "42")).toBe("campaign-update:7:s42");
  });

  it("bulk mail takes what the batch leaves, within the per-minute budget", () => {
    expect(bulkRoom(20, 0, 1000)).toBe(20);
    expect(bulkRoom(20, 990, 1000)).toBe(10);
    expect(bulkRoom(20, 1000, 1000)).toBe(0);
    expect(bulkRoom(20, 1200, 1000)).toBe(0);
    expect(bulkRoom(0, 0, 1000)).toBe(0);
  });
});
