import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import { listLocalMails, type LocalMail } from "../../app/lib/mail/local-outbox.server";

/** A mail as the server's local transport wrote it (the JSON twin of each `.eml`); `name` opens it at `/dev/outbox/<name>`. */
export type OutboxMail = LocalMail;

/**
 * Every mail the e2e server has sent so far, oldest first. Both databases write
 * mail to files in the tests (`SMTP_URL` is empty), so this works in every run.
 */
export function outboxMails(): OutboxMail[] {
  return listLocalMails(inject("outboxDir"), Number.MAX_SAFE_INTEGER).reverse();
}

/** Waits (the mail worker sends within seconds) for the newest mail that `matches`. */
export async function waitForMail(matches: (mail: OutboxMail) => boolean, timeout = 20_000): Promise<OutboxMail> {
  let found: OutboxMail | undefined;
  await expect
    .poll(() => (found = outboxMails().findLast(matches)), { timeout })
    .toBeDefined();
  return found!;
}

/**
 * The link whose path contains `path` in the newest mail to `email`: read the
 * way a person in a local trial would (in /dev/outbox), or from the mail files
 * the server wrote.
 */
export async function mailedLinkFor(page: Page, email: string, path: string): Promise<string> {
  if (inject("localTrial")) {
    const baseUrl = inject("baseUrl");
    let href: string | null = null;
    await expect
      .poll(async () => {
        // Newest first: the first of this person's mails that has such a link (a later receipt mail has none).
        await page.goto(`${baseUrl}/dev/outbox`);
        const rows = await page.locator("tr", { hasText: email }).count();
        for (let i = 0; i < rows; i++) {
          if (i > 0) await page.goto(`${baseUrl}/dev/outbox`);
          await page.locator("tr", { hasText: email }).nth(i).locator("a").first().click();
          // The mail's page first: `count` below does not wait for it.
          await page.locator(".mail-text").waitFor();
          const link = page.locator(".mail-text a", { hasText: path }).first();
          if ((await link.count()) > 0) return (href = await link.getAttribute("href"));
        }
        return null;
      }, { timeout: 15_000 })
      .not.toBeNull();
    return href!;
  }
  const link = new RegExp(`https?://\\S+${path.replace(/[/]/gu, "\\/")}\\S+`, "u");
  const mail = await waitForMail((m) => m.to === email && link.test(m.text), 15_000);
  return link.exec(mail.text)![0];
}

/** The confirm link from the mail sent to `email` (a signature's or a letter's). */
export const confirmLinkFor = (page: Page, email: string) => mailedLinkFor(page, email, "/confirm/");
