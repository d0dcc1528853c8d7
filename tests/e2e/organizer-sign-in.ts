import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Cookie, Page } from "playwright-core";
import { expect, inject } from "vitest";
import { outboxMails, waitForMail } from "./outbox-mail";

/** Asks for a sign-in link for `email` and returns the link's path from the new mail (not an earlier, used one). */
export async function requestSignInLink(page: Page, email: string): Promise<string> {
  const baseUrl = inject("baseUrl");
  const earlier = new Set(outboxMails().map((m) => m.name));
  await page.goto(`${baseUrl}/en/organize/sign-in`);
  await page.locator("#organizer-email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await page.getByText("a sign-in link is on its way").waitFor();
  const mail = await waitForMail((m) => m.to === email && !earlier.has(m.name));
  return new URL(/https?:\/\/\S+\/organize\/sign-in\/\S+/u.exec(mail.text)![0]).pathname;
}

/**
 * Signs an account of global setup in (the admin unless told). The first time (or with
 * `{ fresh: true }`, for the journeys that test signing in itself) it goes the whole way: ask
 * for a link, open it from the mail (a GET signs nobody in), press the button. Later calls
 * reuse that session, kept beside the outbox for this run: sign-in requests are limited per
 * client and address (SIGN_IN_LIMITS), and every browser test file signs in. A reused session
 * that no longer works (a journey signed out) falls back to the whole way.
 */
export async function signIn(page: Page, email: string = inject("organizerEmail"), options: { fresh?: boolean } = {}) {
  const baseUrl = inject("baseUrl");
  const kept = sessionFileOf(email);
  if (!options.fresh && existsSync(kept)) {
    await page.context().addCookies(JSON.parse(readFileSync(kept, "utf8")) as Cookie[]);
    await page.goto(`${baseUrl}/en/organize`);
    if (page.url() === `${baseUrl}/en/organize`) {
      await page.getByRole("heading", { name: "Organizer workspace" }).waitFor();
      return;
    }
  }
  const link = await requestSignInLink(page, email);
  await page.goto(`${baseUrl}${link}`);
  expect(page.url()).toContain("/organize/sign-in/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/en/organize`);
  await page.getByRole("heading", { name: "Organizer workspace" }).waitFor();
  // A journey's own session (it may sign out) is not the one the others reuse.
  if (!options.fresh) writeFileSync(kept, JSON.stringify(await page.context().cookies(baseUrl)));
}

/** Beside this run's outbox, not in it: the outbox lists its `.json` files as mails. */
const sessionFileOf = (email: string) => join(dirname(inject("outboxDir")), `${basename(inject("outboxDir"))}-session-${email}.cookies`);
