import type { MailWorkerConfig } from "./mail-worker.server";
import { DEFAULT_SENDING_LEASE_MS } from "./outgoing-mail";

export const DEFAULT_MAIL_FROM = "Treaty Watch <no-reply@localhost>";

export function mailWorkerConfig(
  server: { publicUrl: string; sessionSecrets: string[] },
  env: NodeJS.ProcessEnv = process.env,
): MailWorkerConfig {
  return {
    from: env.MAIL_FROM || DEFAULT_MAIL_FROM,
    publicUrl: server.publicUrl,
    messageIdDomain: new URL(server.publicUrl).hostname,
    batchSize: Number(env.MAIL_BATCH_SIZE || 20),
    signingSecrets: server.sessionSecrets,
    perDomainPerMinute: Number(env.MAIL_PER_DOMAIN_PER_MINUTE || 600),
    leaseMs: env.MAIL_LEASE_SECONDS ? Number(env.MAIL_LEASE_SECONDS) * 1000 : DEFAULT_SENDING_LEASE_MS,
  };
}
