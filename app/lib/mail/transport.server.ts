import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";
import type { Config } from "../config.server";

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

/** Pooled SMTP when `SMTP_URL` is set; otherwise `.eml` files in the local outbox (`MAIL_OUTBOX_DIR`). */
export function createMailTransport({ smtpUrl, smtpMaxConnections, smtpTlsInsecure, outboxDir }: Pick<Config["mail"], "smtpUrl" | "smtpMaxConnections" | "smtpTlsInsecure" | "outboxDir">): MailTransport {
  if (smtpUrl) {
    const url = new URL(smtpUrl);
    const smtp = nodemailer.createTransport({
      pool: true,
      host: url.hostname,
      port: Number(url.port || (url.protocol === "smtps:" ? 465 : 587)),
      secure: url.protocol === "smtps:",
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      maxConnections: smtpMaxConnections,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      // Local test servers use self-signed certificates; production servers are verified.
      tls: { rejectUnauthorized: !smtpTlsInsecure },
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
