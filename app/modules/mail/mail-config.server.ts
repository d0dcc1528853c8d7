import type { Config } from "../../lib/config.server";
import type { MailWorkerConfig } from "./mail-worker.server";

/** What the mail worker needs of the configuration. */
export function mailWorkerConfig({ server, mail }: Pick<Config, "server" | "mail">): MailWorkerConfig {
  return {
    from: mail.from,
    publicUrl: server.publicUrl,
    messageIdDomain: new URL(server.publicUrl).hostname,
    batchSize: mail.batchSize,
    signingSecrets: server.sessionSecrets,
    perDomainPerMinute: mail.perDomainPerMinute,
    bulkPerMinute: mail.bulkPerMinute,
    leaseMs: mail.leaseMs,
  };
}
