import { describe, expect, it } from "vitest";
import { escapeHtml, layoutMail, singleLine } from "../../emails/layout";
import { renderMail } from "../../emails/index";

describe("mail safety", () => {
  it("keeps header values on one line, so no header can be injected", () => {
    expect(singleLine("Hello\r\nBcc: victim@example.org")).toBe("Hello Bcc: victim@example.org");
    expect(singleLine("x".repeat(500))).toHaveLength(200);
  });

  it("escapes user text in HTML and leaves it as typed in plain text", () => {
    expect(escapeHtml(`<script>"&'`)).toBe("&#60;script&#62;&#34;&#38;&#39;");
    const mail = renderMail("test", { lng: "en", publicUrl: "https://treaty.example.org" }, { name: "<img src=x onerror=alert(1)>" });
    expect(mail.html).not.toContain("<img src=x");
    expect(mail.text).toContain("Hello <img src=x onerror=alert(1)>,");
  });

  it("puts the unsubscribe link in both parts only where asked, and writes Arabic right to left", () => {
    const plain = layoutMail({ lng: "ar", publicUrl: "https://t.example" }, { subject: "s", paragraphs: ["p"] });
    expect(plain.html).toContain('dir="rtl"');
    expect(plain.text).not.toContain("/unsubscribe/");
    const withLink = layoutMail({ lng: "en", publicUrl: "https://t.example", unsubscribeUrl: "https://t.example/unsubscribe/abc.def" }, { subject: "s", paragraphs: ["p"] });
    expect(withLink.text).toContain("https://t.example/unsubscribe/abc.def");
    expect(withLink.html).toContain("https://t.example/unsubscribe/abc.def");
  });
});
