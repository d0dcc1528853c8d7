import type { MailContext, RenderedMail } from "./layout";
import { renderTestMessage } from "./test-message";

/** Every mail the platform sends, by the template name stored in the outbox. */
const TEMPLATES: Record<string, (ctx: MailContext, data: Record<string, unknown>) => RenderedMail> = {
  test: (ctx, data) => renderTestMessage(ctx, { name: typeof data.name === "string" ? data.name : undefined }),
};

export function isKnownTemplate(name: string): boolean {
  return name in TEMPLATES;
}

export function renderMail(template: string, ctx: MailContext, data: Record<string, unknown>): RenderedMail {
  const render = TEMPLATES[template];
  if (!render) throw new Error(`Unknown mail template: ${template}`);
  return render(ctx, data);
}
