import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import type { MailTransport, OutgoingMessage } from "~/lib/mail/transport.server";
import { campaignTargets, findLetterCampaign } from "~/modules/letter/letter.repo.server";
import { deliverDueMails } from "~/modules/mail/mail-worker.server";
import { unsubscribeUrlFor } from "~/modules/mail/unsubscribe.service.server";
import { addOrganizer } from "~/modules/organizer/organizer.repo.server";
import { postForm, SECRETS } from "../support/attack";
import { DEMO_PETITION } from "../support/petition";
import { formTokenIn, postSignature } from "../support/sign-form";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";
import { testMailWorker } from "../support/test-mail";

/**
 * The request log holds no people: every public flow is driven through the
 * real app with its request log captured, then the log is searched for every
 * address, name, token and referral code the flows used, in every spelling
 * that could reach a URL.
 */
let server: TestServer;
const log: string[] = [];
const sent: OutgoingMessage[] = [];
const transport: MailTransport = {
  kind: "local",
  send: async (message) => {
    sent.push(message);
    return { providerMessageId: null };
  },
  close: () => {},
};
const LETTERS = "write-to-your-government";

beforeAll(async () => {
  server = await startTestServer({
    config: testConfig({ SIGN_MIN_FILL_SECONDS: "0", LETTER_MIN_FILL_SECONDS: "0" }),
    requestLog: { write: (line: string) => log.push(line) },
  });
  await seedDemoContent(server.database.db);
});
afterAll(async () => {
  await server?.close();
});

const deliver = () => deliverDueMails(server.database.db, transport, testMailWorker(100));

/** The links (paths with their query) of the mails sent to `to`, newest last. */
async function linksMailedTo(to: string): Promise<string[]> {
  await deliver();
  return sent
    .filter((m) => m.to.toLowerCase() === to.toLowerCase())
    .flatMap((m) => [...m.text.matchAll(/https:\/\/treaty\.example\.org(\/\S+)/gu)].map((match) => match[1]!));
}

/** Read to the end, so the server finishes the response and logs it. */
let requests = 0;
async function done(response: Promise<Response>): Promise<Response> {
  requests++;
  const r = await response;
  await r.arrayBuffer();
  return r;
}
const get = (path: string, headers: Record<string, string> = {}) => done(server.get(path, headers));
const post = (path: string, fields: Record<string, string | string[]> = {}, headers: Record<string, string> = {}) => done(postForm(server, path, fields, headers));

/** Every way a value can appear in a request target: as typed, encoded for a path or a form, lower-cased. */
function spellings(value: string): string[] {
  const forms = new Set([value, value.toLowerCase(), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)]);
  for (const form of [...forms]) forms.add(form.toLowerCase());
  return [...forms].filter((f) => f.length >= 6);
}

describe("the request log", () => {
  it("keeps no address, name, token or referral code after every public flow", async () => {
    const secrets: string[] = [];
    const signer = { name: "Zoë Quennell-Marchetti", email: "Zoe.Quennell+petition@Example.org" };
    const writer = { name: "Ibrahim Oyelaran-Voss", email: "ibrahim.oyelaran@example.net" };
    const organizer = "olwen.achterberg@example.org";
    secrets.push(signer.name, signer.email, "Zoe.Quennell", writer.name, writer.email, "ibrahim.oyelaran", organizer, "olwen.achterberg");

    // A page opened with personal data in its query (a link someone shared, a GET form).
    const query = `?email=${encodeURIComponent(signer.email)}&name=${encodeURIComponent(signer.name)}&ref=abcdefgh`;
    expect((await get(`/en/petitions/${DEMO_PETITION}${query}`)).status).toBe(200);
    expect((await get(`/en/countries${query}`)).status).toBe(200);
    // An address typed into the path.
    await get(`/en/petitions/${encodeURIComponent(signer.email)}`);
    await get(`/en/${encodeURIComponent(signer.name)}`);

    // Sign, then follow the signed page, the confirm link (GET and POST) and the withdraw link.
    const signed = await done(postSignature(server, `/en/petitions/${DEMO_PETITION}`, { name: signer.name, email: signer.email }));
    requests++; // postSignature opened the form first
    expect(signed.status).toBe(302);
    const signedPage = signed.headers.get("location")!;
    const referral = new URL(signedPage, TEST_PUBLIC_URL).searchParams.get("ref")!;
    secrets.push(referral);
    expect((await get(signedPage)).status).toBe(200);
    const [confirm, withdraw] = await linksMailedTo(signer.email);
    expect(confirm).toMatch(/^\/confirm\//u);
    expect(withdraw).toMatch(/^\/withdraw\//u);
    expect((await get(confirm!)).status).toBe(200);
    const confirmed = await post(confirm!);
    expect(confirmed.status).toBe(303);
    expect((await get(confirmed.headers.get("location")!)).status).toBe(200);
    expect((await get(withdraw!)).status).toBe(200);
    expect((await post(withdraw!)).status).toBe(303);
    // Someone shares the signer's link: the referral code arrives in the query.
    expect((await get(`/en/petitions/${DEMO_PETITION}?ref=${referral}`)).status).toBe(200);

    // Unsubscribe (GET shows the button, POST and one-click POST stop the mail).
    const unsubscribe = new URL(unsubscribeUrlFor(signer.email, TEST_PUBLIC_URL, SECRETS)).pathname;
    expect((await get(`${unsubscribe}?lng=en`)).status).toBe(200);
    expect((await post(`${unsubscribe}?lng=en`)).status).toBe(302);
    expect((await post(unsubscribe, { "List-Unsubscribe": "One-Click" })).status).toBe(302);

    // Write a letter, confirm it, open its status page and answer "did you get a reply?".
    const { campaign } = (await findLetterCampaign(server.database.db, LETTERS))!;
    const targets = await campaignTargets(server.database.db, campaign.id, "FRA");
    const letterPage = `/en/letters/${LETTERS}?country=fra`;
    const formToken = formTokenIn(await (await server.get(letterPage)).text());
    requests++;
    const letter = {
      country: "fra",
      targets: targets.map((t) => String(t.id)),
      subject: "Please protect human rights",
      body: "Dear {{target.name}},\n\nPlease do not ratify.\n\n{{sender.name}}",
      personal: "I report on courts, and my sources need to stay safe from surveillance.",
      name: writer.name,
      email: writer.email,
      city: "Lagos",
      formToken,
      website: "",
    };
    expect((await post(letterPage, { ...letter, intent: "preview" })).status).toBe(200);
    const written = await post(letterPage, { ...letter, intent: "send" });
    expect(written.status).toBe(302);
    expect((await get(written.headers.get("location")!)).status).toBe(200);
    const [letterConfirm] = await linksMailedTo(writer.email);
    expect((await get(letterConfirm!)).status).toBe(200);
    expect((await post(letterConfirm!)).status).toBe(303);
    const status = (await linksMailedTo(writer.email)).find((link) => link.startsWith("/letters/status/"))!;
    expect(status).toBeDefined();
    expect((await get(status)).status).toBe(200);
    expect((await post(status, { target: String(targets[0]!.id), answer: "yes" })).status).toBe(303);

    // An organizer asks for a sign-in link, opens it, signs in and looks for a person.
    await addOrganizer(server.database.db, { email: organizer, role: "admin", by: "test" });
    expect((await get(`/en/organize/sign-in?email=${encodeURIComponent(organizer)}`)).status).toBe(200);
    expect((await post("/en/organize/sign-in", { email: organizer })).status).toBe(303);
    const [signIn] = await linksMailedTo(organizer);
    expect(signIn).toMatch(/^\/en\/organize\/sign-in\//u);
    expect((await get(signIn!)).status).toBe(200);
    const pressed = await post(signIn!);
    expect(pressed.status).toBe(303);
    const cookie = pressed.headers.get("set-cookie")!.split(";")[0]!;
    expect((await get(`/en/organize/people?email=${encodeURIComponent(writer.email)}`, { cookie })).status).toBe(200);
    // A local outbox file name (this server has none: 404, but the name is still a secret).
    await get("/dev/outbox/1764000000000-42treaty.example.org");

    // Every token of every link mailed, and each link as a whole.
    for (const message of sent) {
      for (const match of message.text.matchAll(/https:\/\/treaty\.example\.org\/(?:[^\s?]*\/)?([^\s/?]+)(?:\?\S*)?/gu)) {
        if (match[1]!.includes(".") && match[1]!.length > 20) secrets.push(match[1]!);
      }
    }
    secrets.push(unsubscribe.split("/").pop()!, "1764000000000-42treaty.example.org");
    // The unsubscribe token carries the address in base64url: that must not be there either.
    secrets.push(Buffer.from(signer.email.toLowerCase()).toString("base64url"));
    expect(secrets.filter((s) => /^[\w-]+\.[\w-]{20,}$/u.test(s)).length).toBeGreaterThanOrEqual(6);

    // The log saw every request (one line each) …
    await new Promise((resolve) => setTimeout(resolve, 100));
    const text = log.join("");
    expect(log).toHaveLength(requests);
    // … and holds none of them, in any spelling.
    const found = secrets.flatMap(spellings).filter((s) => text.includes(s) || text.toLowerCase().includes(s.toLowerCase()));
    expect(found, text).toEqual([]);
    expect(text).not.toMatch(/@|%40/u);
    // Paths keep their shape, with the secret part replaced.
    expect(text).toContain("POST /confirm/[token]?[query] 303");
    expect(text).toContain("GET /letters/status/[token]");
    expect(text).toContain("POST /en/organize/sign-in/[token] 303");
    expect(text).toContain(`GET /en/petitions/${DEMO_PETITION}?[query] 200`);
  });
});
