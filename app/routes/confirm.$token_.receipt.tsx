import type { LoaderFunctionArgs } from "@remix-run/node";
import { receiptFileName, receiptText } from "~/lib/links/receipt-links";
import { receiptForConfirmToken } from "~/modules/petition/signature-receipts.server";

const PRIVATE = "private, no-store";

/**
 * GET /confirm/:token/receipt — the signer's receipt as a file to keep, behind the same signed
 * token as their confirm page. 404 for a token that is not a counted signature's, and while its
 * entry still waits for the log job.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await receiptForConfirmToken(context.db, params.token ?? "", { secrets: context.config.server.sessionSecrets, siteOrigin: context.config.server.publicUrl });
  if (found?.status !== "ready") return new Response("Not Found", { status: 404, headers: { "Cache-Control": PRIVATE, "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(`${receiptText(found.receipt)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${receiptFileName(found.slug)}"`,
      "Cache-Control": PRIVATE,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
