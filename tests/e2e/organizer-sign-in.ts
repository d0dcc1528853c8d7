import type { Page } from "playwright-core";
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

/** Signs an account of global setup in (the admin unless told): ask for a link, open it from the mail (a GET signs nobody in), press the button. */
export async function signIn(page: Page, email: string = inject("organizerEmail")) {
  const baseUrl = inject("baseUrl");
  const link = await requestSignInLink(page, email);
  await page.goto(`${baseUrl}${link}`);
  expect(page.url()).toContain("/organize/sign-in/");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/en/organize`);
  await page.getByRole("heading", { name: "Organizer workspace" }).waitFor();
}
