import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface OutgoingMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Set from the outbox row, identical on every attempt. */
  messageId: string;
  /** Where replies go when not to us (letters: the sender). */
  replyTo?: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  kind: "smtp" | "local";
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
  close(): void;
}

/** Where the local transport writes mail (`MAIL_OUTBOX_DIR`, default `.data/outbox`). */
export function localOutboxDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.MAIL_OUTBOX_DIR || ".data/outbox";
}

/** Pooled SMTP when `SMTP_URL` is set; otherwise `.eml` files in the local outbox. */
export function createMailTransport(env: NodeJS.ProcessEnv = process.env, outboxDir = localOutboxDir(env)): MailTransport {
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL);
    const smtp = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      maxConnections: Number(env.SMTP_MAX_CONNECTIONS || 5),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Local test servers use self-signed certificates; production servers are verified.
      tls: { rejectUnauthorized: env.SMTP_TLS_INSECURE !== "1" },
    });
    return {
      kind: "smtp",
      send: async (message) => {
        const info = await smtp.sendMail(message);
        return { providerMessageId: info.response ?? null };
      },
      close: () => smtp.close(),
    };
  }
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "local",
    send: async (message) => {
      const info = await stream.sendMail(message);
      mkdirSync(outboxDir, { recursive: true });
      const name = `${Date.now()}-${message.messageId.replace(/[^A-Za-z0-9.-]/g, "")}`;
      writeFileSync(join(outboxDir, `${name}.eml`), info.message as Buffer);
      // A readable twin for the /dev/outbox page.
      writeFileSync(
        join(outboxDir, `${name}.json`),
        JSON.stringify({ to: message.to, from: message.from, replyTo: message.replyTo, subject: message.subject, text: message.text, date: new Date().toISOString() }),
      );
      return { providerMessageId: name };
    },
    close: () => {},
  };
}
