import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { postForm } from "../support/form-post";
import { formTokenIn } from "../support/sign-form";
import { testConfig } from "../support/test-config";
import { startTestMailbox, type TestMailbox } from "../support/test-mail";
import { startTestServer, type TestServer } from "../support/test-server";

let server: TestServer;
let mailbox: TestMailbox;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0" }) });
  mailbox = await startTestMailbox(() => server.database.db);
});
afterAll(async () => {
  await mailbox?.close();
  await server?.close();
});
afterEach(async () => {
  for (const table of ["country_follows", "outgoing_mails", "rate_limit_hits", "mail_suppressions"] as const) await server.database.db.deleteFrom(table).execute();
  mailbox.sink.received.length = 0;
});

const follows = () => server.database.db.selectFrom("country_follows").select(["email", "status", "language"]).orderBy("id").execute();

async function followForm(lng: string, code = "fra") {
  const page = await server.get(`/${lng}/countries/${code}/follow`);
  expect(page.status).toBe(200);
  return formTokenIn(await page.text());
}

/** Follows, gets the mail, and returns the path (with ?lng) of the link found under `path` in it. */
async function followAndReadMail(email: string, lng = "fr") {
  const formToken = await followForm(lng);
  const answer = await postForm(server, `/${lng}/countries/fra/follow`, { formToken, email, language: lng, website: "" });
  expect(answer.status).toBe(303);
  await mailbox.deliver();
  const mail = mailbox.sink.received.findLast((m) => JSON.stringify(m.to).includes(email))!;
  expect(mail).toBeDefined();
  const header = (key: string) => mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/u, "") ?? "";
  const link = (path: string) => {
    const url = new URL(new RegExp(`https?://\\S+${path}\\S+`, "u").exec(mail.text ?? "")![0]);
    return `${url.pathname}${url.search}`;
  };
  return { mail, header, confirm: link("/confirm/"), unsubscribe: link("/unsubscribe/") };
}

describe("the follow page", () => {
  it("has one address per country: other spellings redirect, an unknown country is a 404", async () => {
    const moved = await server.get("/en/countries/FR/follow");
    expect(moved.status).toBe(301);
    expect(moved.headers.get("location")).toBe("/en/countries/fra/follow");
    expect((await server.get("/en/countries/zzz/follow")).status).toBe(404);
    expect((await server.get("/xx/countries/fra/follow")).status).toBe(404);
  });

  it("asks for an address and a language, the page's by default, in the page's language", async () => {
    const page = await server.get("/ar/countries/fra/follow");
    const html = await page.text();
    expect(html).toContain('<html lang="ar" dir="rtl"');
    expect(html).toContain("متابعة: فرنسا");
    expect(html).toMatch(/<option value="ar" lang="ar" selected="">العربية<\/option>/u);
    expect(html).not.toMatch(/name="(name|country|comment)"/u);
    expect(page.headers.get("cache-control")).toMatch(/^private/u);
  });

  it("answers bad input by the field, in the page's language, keeping what was typed, storing nothing", async () => {
    const formToken = await followForm("fr");
    const answer = await postForm(server, "/fr/countries/fra/follow", { formToken, email: "ann@", language: "fr" });
    expect(answer.status).toBe(400);
    const html = await answer.text();
    expect(html).toContain('id="follow-email-error"');
    expect(html).toContain("Saisissez une adresse e-mail comme nom@example.org.");
    expect(html).toContain('value="ann@"');
    const unknownLanguage = await postForm(server, "/es/countries/fra/follow", { formToken, email: "ann@example.org", language: "de" });
    expect(unknownLanguage.status).toBe(400);
    const second = await unknownLanguage.text();
    expect(second).toContain("Elija un idioma de la lista.");
    expect(second).toContain('value="ann@example.org"');
    const expired = await postForm(server, "/en/countries/fra/follow", { formToken: "forged", email: "ann@example.org", language: "en" });
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("This form had expired");
    expect(await follows()).toEqual([]);
    expect(await server.database.db.selectFrom("outgoing_mails").selectAll().execute()).toEqual([]);
  });

  it("a form with the honeypot filled gets the usual answer and stores nothing", async () => {
    const formToken = await followForm("en");
    const answer = await postForm(server, "/en/countries/fra/follow", { formToken, email: "bot@example.org", language: "en", website: "http://spam.example" });
    expect(answer.status).toBe(303);
    expect(await follows()).toEqual([]);
  });

  it("POST, redirect, GET: the same answer whether or not the address already follows", async () => {
    const formToken = await followForm("en");
    const first = await postForm(server, "/en/countries/fra/follow", { formToken, email: "ann@example.org", language: "ru" });
    const again = await postForm(server, "/en/countries/fra/follow", { formToken, email: "ANN@example.org", language: "ru" });
    for (const answer of [first, again]) {
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe("/en/countries/fra/follow/sent");
    }
    expect(await follows()).toEqual([{ email: "ann@example.org", status: "pending", language: "ru" }]);
    const sent = await server.get("/en/countries/fra/follow/sent");
    expect(sent.status).toBe(200);
    const html = await sent.text();
    expect(html).toContain("Check your email");
    expect(html).not.toContain("ann@example.org");
  });
});

describe("the mail and its links", () => {
  it("the confirmation mail is in the chosen language, with one-click unsubscribe headers for this follow", async () => {
    const { mail, header, unsubscribe } = await followAndReadMail("ann@example.org", "fr");
    expect(mail.subject).toBe("Confirmez : nouvelles de France");
    expect(header("list-unsubscribe")).toMatch(/^<https?:\/\/\S+\/unsubscribe\/[\w-]+\.[\w-]+\?lng=fr>$/u);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(header("list-unsubscribe")).toContain(unsubscribe);
    expect(mail.text).toContain("Arrêter les nouvelles de France");
  });

  it("a scanner's GET of the confirm link confirms nothing; the button does, once; then the page says what comes and how to stop", async () => {
    const { confirm } = await followAndReadMail("ann@example.org", "fr");
    const look = await server.get(confirm);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain("Confirmer : suivre France");
    expect((await follows())[0]!.status).toBe("pending");
    const done = await postForm(server, confirm, {});
    expect(done.status).toBe(303);
    expect((await follows())[0]!.status).toBe("confirmed");
    const thanks = await server.get(done.headers.get("location")!);
    const html = await thanks.text();
    expect(html).toContain("Vous suivez désormais : France");
    expect(html).toContain("Un court e-mail en Français");
    expect(html).toMatch(/href="\/unsubscribe\/[\w-]+\.[\w-]+\?lng=fr"/u);
    // A second click changes nothing and says so.
    expect((await postForm(server, confirm, {})).status).toBe(303);
    expect(await (await server.get(confirm)).text()).toContain("Vous suivez déjà : France");
  });

  it("a scanner's GET of the unsubscribe link stops nothing; a mail client's one-click POST stops this country", async () => {
    const { confirm, unsubscribe } = await followAndReadMail("ann@example.org", "en");
    await postForm(server, confirm, {});
    const look = await server.get(unsubscribe);
    expect(look.status).toBe(200);
    const page = await look.text();
    expect(page).toContain("Stop news of France");
    expect(page).toContain('name="scope" value="everything"');
    expect((await follows())[0]!.status).toBe("confirmed");
    const oneClick = await postForm(server, unsubscribe, { "List-Unsubscribe": "One-Click" });
    expect(oneClick.status).toBe(303);
    expect((await follows())[0]!.status).toBe("unsubscribed");
    expect(await server.database.db.selectFrom("mail_suppressions").selectAll().execute()).toEqual([]);
    expect(await (await server.get(oneClick.headers.get("location")!)).text()).toContain("You will get no more news of France");
  });

  it("the button for all mail puts the address on the do-not-mail list", async () => {
    const { unsubscribe } = await followAndReadMail("bob@example.org", "zh");
    const answer = await postForm(server, unsubscribe, { scope: "everything" });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toContain("lng=zh");
    expect((await follows())[0]!.status).toBe("unsubscribed");
    expect(await server.database.db.selectFrom("mail_suppressions").select("reason").execute()).toEqual([{ reason: "unsubscribed" }]);
    expect(await (await server.get(answer.headers.get("location")!)).text()).toContain("您将不再收到我们的任何邮件");
  });

  it("a forged link is a 404", async () => {
    expect((await server.get("/unsubscribe/abc.def?lng=en")).status).toBe(404);
    expect((await postForm(server, "/confirm/abc.def?lng=en", {})).status).toBe(404);
  });
});
