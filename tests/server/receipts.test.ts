/**
 * A counted signature's receipt over HTTP: the confirm page's "Your receipt" (preparing, then the
 * receipt with its download and verify links) and `GET /confirm/:token/receipt`, which answers
 * only a counted signature's token once its entry is in the log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoContent } from "../../server/demo-content";
import { confirmSignature, withdrawSignature } from "~/modules/petition/signing.service.server";
import { appendQueuedEntries } from "~/modules/transparency/log-append.server";
import { parseReceipt } from "~/modules/transparency/receipt";
import { DEMO_PETITION, mailsTo, testSigningConfig, tokenFromMail } from "../support/petition";
import { postSignature } from "../support/sign-form";
import { startTestServer, TEST_PUBLIC_URL, type TestServer } from "../support/test-server";
import { testConfig } from "../support/test-config";

const secrets = ["test-secret"];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ config: testConfig({ SIGN_MIN_FILL_SECONDS: "0" }) });
  await seedDemoContent(server.database.db);
});
afterAll(async () => server?.close());

async function sign(email: string) {
  expect((await postSignature(server, `/en/petitions/${DEMO_PETITION}`, { email })).status).toBe(302);
  const [mail] = await mailsTo(server.database.db, email);
  return { confirm: tokenFromMail(mail!, "confirm", secrets), withdraw: tokenFromMail(mail!, "withdraw", secrets) };
}

const receiptOf = (token: string) => server.get(`/confirm/${token}/receipt`);
const confirmPage = async (token: string) => {
  const response = await server.get(`/confirm/${token}?lng=en`);
  return { response, html: await response.text() };
};
const decodeHtml = (text: string) => text.replaceAll("&quot;", '"').replaceAll("&#x27;", "'").replaceAll("&amp;", "&");

describe("a signer's receipt", () => {
  it("is preparing while queued, then shown on the confirm page and downloadable; 404 for every other token", async () => {
    const ann = await sign("ann@example.org");
    // Pending: no receipt, and the confirm page offers the button, not a receipt.
    expect((await receiptOf(ann.confirm)).status).toBe(404);
    expect((await confirmPage(ann.confirm)).html).not.toContain('id="receipt-title"');

    expect((await confirmSignature(server.database.db, ann.confirm, { config: testSigningConfig(), secrets, now: new Date() })).kind).toBe("confirmed");
    // Counted, its entry still queued: the page says it is being prepared, with a plain reload link.
    const queued = await receiptOf(ann.confirm);
    expect(queued.status).toBe(404);
    expect(queued.headers.get("cache-control")).toBe("private, no-store");
    const preparing = await confirmPage(ann.confirm);
    expect(preparing.response.headers.get("cache-control")).toBe("private, no-store");
    expect(preparing.html).toMatch(/<p role="status">Your receipt is being prepared[^<]*(?:<!-- -->)? <a href="[^"]*">Reload this page<\/a>/u);
    expect(preparing.html).toContain(`href="/confirm/${ann.confirm}?lng=en"`);
    expect(preparing.html).not.toContain("receipt-json");

    await appendQueuedEntries(server.database.db);
    const download = await receiptOf(ann.confirm);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="treaty-watch-receipt-${DEMO_PETITION}.json"`);
    expect(download.headers.get("cache-control")).toBe("private, no-store");
    const parsed = parseReceipt(await download.text());
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.receipt.petition).toBe(`${TEST_PUBLIC_URL}/petitions/${DEMO_PETITION}`);

    const ready = await confirmPage(ann.confirm);
    expect(ready.response.headers.get("cache-control")).toBe("private, no-store");
    const shown = /<textarea[^>]*id="receipt-json"[^>]*>([^<]*)<\/textarea>/u.exec(ready.html);
    expect(JSON.parse(decodeHtml(shown![1]!))).toEqual(parsed.receipt);
    expect(ready.html).toContain(`href="/confirm/${ann.confirm}/receipt"`);
    const verify = new RegExp(`href="/en/petitions/${DEMO_PETITION}/verify#receipt=([A-Za-z0-9_-]+)"`, "u").exec(ready.html);
    expect(JSON.parse(Buffer.from(verify![1]!, "base64url").toString("utf8"))).toEqual(parsed.receipt);

    // Not a confirm token: garbage, another signature's withdraw token, a token signed with another secret.
    expect((await receiptOf("not-a-token")).status).toBe(404);
    expect((await receiptOf(ann.withdraw)).status).toBe(404);
    expect((await receiptOf(`${ann.confirm.slice(0, -2)}xx`)).status).toBe(404);
    // Withdrawn: no longer counted, no receipt.
    expect((await withdrawSignature(server.database.db, ann.withdraw, secrets, true)).kind).toBe("withdrawn");
    expect((await receiptOf(ann.confirm)).status).toBe(404);
  });
});
