import type { MailWorkerConfig } from "../../modules/mail/mail-worker.server";
import type { Config } from "../config.server";

/** What the mail worker needs of the configuration. */
export function mailWorkerConfig({ server, mail }: Pick<Config, "server" | "mail">): MailWorkerConfig {
  return {
    from: mail.from,
    publicUrl: server.publicUrl,
    messageIdDomain: new URL(server.publicUrl).hostname,
    batchSize: mail.batchSize,
    signingSecrets: server.sessionSecrets,
    perDomainPerMinute: mail.perDomainPerMinute,
    leaseMs: mail.leaseMs,
  };
}
