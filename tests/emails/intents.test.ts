import { describe, expect, it } from "vitest";
import { readStoredMail, renderMail } from "../../emails/index";
import { letterConfirmMail, letterDigestMail, letterFollowupMail, letterLimitMail, letterReceiptMail, letterToTargetMail } from "~/modules/letter/letter-mails.server";
import type { NewMail } from "~/modules/mail/outbox.repo.server";
import { organizerSignInMail } from "~/modules/organizer/sign-in-mail.server";
import { signatureAlreadySignedMail, signatureConfirmMail } from "~/modules/petition/signature-mails.server";

const ctx = { lng: "en", publicUrl: "https://t.example", signingSecrets: ["s"] };

describe("mail intents", () => {
  it("reads back what every builder queues, as it was built", () => {
    const built: NewMail[] = [
      signatureConfirmMail({ signatureId: "1", email: "a@x.org", language: "en", name: "Ann", petitionTitle: "T", confirmTtlMs: 30 * 86_400_000, mailNumber: 1 }),
      signatureAlreadySignedMail({ signatureId: "1", email: "a@x.org", language: "en", petitionTitle: "T", petitionSlug: "t", referralCode: "abcdefgh", mailNumber: 2 }),
      letterConfirmMail({ letterId: "2", email: "a@x.org", language: "en", subject: "S", recipients: 2, confirmTtlMs: 7 * 86_400_000 }),
      letterLimitMail({ email: "a@x.org", language: "en", senderKey: "k", day: "2026-12-05" }),
      letterToTargetMail({ letterId: "2", target: { id: 3, email: "mp@x.org" }, language: "en", subject: "S", text: "Dear", sender: { name: "Ann", email: "a@x.org" } }),
      letterReceiptMail({ letterId: "2", email: "a@x.org", language: "en", subject: "S", text: "Dear", recipients: ["A, MP"], digestRecipients: [] }),
      letterDigestMail({ digestId: "4", email: "mp@x.org", language: "en", subject: "S", count: 1, countryName: "France", entries: [{ letterId: "2", name: "Ann", city: null, paragraph: "p" }] }),
      letterFollowupMail({ letterId: "2", email: "a@x.org", language: "en", subject: "S", targets: ["A, MP"] }),
      organizerSignInMail({ signInId: "5", email: "o@x.org", language: "en", ttlMs: 15 * 60_000 }),
    ];
    for (const mail of built) {
      const read = readStoredMail(mail.template, JSON.parse(JSON.stringify(mail.templateData)));
      expect(read).toEqual({ ok: true, mail: { intent: mail.template, data: mail.templateData } });
      if (read.ok) expect(() => renderMail(read.mail.intent, ctx, read.mail.data)).not.toThrow();
    }
  });

  it("renders a row written before a field had to be there, as it did", () => {
    const read = readStoredMail("signature-confirm", { signatureId: "7", name: "Ann", petitionTitle: "T" });
    expect(read).toEqual({ ok: true, mail: { intent: "signature-confirm", data: { signatureId: "7", name: "Ann", petitionTitle: "T", linkDays: 30 } } });
  });

  it("refuses an unknown intent, and data that does not fit, naming fields but never their values", () => {
    expect(readStoredMail("newsletter", {})).toEqual({ ok: false, error: "unknown template newsletter" });
    const read = readStoredMail("letter-confirm", { letterId: "ann@example.org", subject: 5 });
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.error).toMatch(/^invalid data for template letter-confirm \(.*letterId.*subject.*\)$/u);
      expect(read.error).not.toContain("ann@example.org");
    }
  });
});
