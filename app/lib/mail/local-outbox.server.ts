import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface LocalMail {
  name: string;
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  text: string;
  date: string;
}

const NAME = /^\d+-[A-Za-z0-9.-]+$/;

/** The newest mails the local transport wrote into `dir` (MAIL_OUTBOX_DIR). */
export function listLocalMails(dir: string, limit = 50): LocalMail[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit)
    .map((file) => ({ name: file.replace(/\.json$/, ""), ...(JSON.parse(readFileSync(join(dir, file), "utf8")) as Omit<LocalMail, "name">) }));
}

/** One mail by name; null for a name that is not one of ours (never a path). */
export function readLocalMail(dir: string, name: string): LocalMail | null {
  if (!NAME.test(name)) return null;
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return null;
  return { name, ...(JSON.parse(readFileSync(file, "utf8")) as Omit<LocalMail, "name">) };
}
