import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";
import { createMailTransport, type MailTransport } from "~/lib/mail/transport.server";
import { mailWorkerConfig } from "~/modules/mail/mail-config.server";
import { deliverDueMails, type MailWorkerConfig } from "~/modules/mail/mail-worker.server";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";
import { testConfig } from "./test-config";

/**
 * How the mail worker runs in tests: from the test site's own address, with
 * its links and secret, `batchSize` rows at a time, and a per-domain limit no
 * test reaches (tests mail many people at one domain).
 */
export function testMailWorker(batchSize = 50): MailWorkerConfig {
  const config = testConfig({ MAIL_FROM: "Treaty Watch <no-reply@treaty.example.org>", MAIL_PER_DOMAIN_PER_MINUTE: "1000", MAIL_LEASE_SECONDS: "60" });
  return { ...mailWorkerConfig(config), batchSize };
}

export interface TestMailbox {
  /** Every mail delivered, parsed. */
  sink: SmtpSink;
  transport: MailTransport;
  worker: MailWorkerConfig;
  /** Sends the mail that is due in `db` to the sink, as the worker would. */
  deliver(): ReturnType<typeof deliverDueMails>;
  close(): Promise<void>;
}

/** A real SMTP server with a transport to it: `deliver()` sends what is due there, `batchSize` rows at a time. */
export async function startTestMailbox(db: () => Kysely<Database>, batchSize = 50): Promise<TestMailbox> {
  const sink = await startSmtpSink();
  const transport = createMailTransport(testConfig({ SMTP_URL: sink.url }).mail);
  const worker = testMailWorker(batchSize);
  return {
    sink,
    transport,
    worker,
    deliver: () => deliverDueMails(db(), transport, worker),
    close: async () => {
      // Pooled SMTP connections stay open until closed; the sink waits for them.
      transport.close();
      await sink.close();
    },
  };
}
