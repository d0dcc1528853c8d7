import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { WithFlags } from "./WithFlags";

/**
 * The same check from a terminal, as a line to copy: a read-only field anyone can select, and
 * with JavaScript a copy button.
 */
export function CommandLine({ command }: { command: string }) {
  const { t } = useTranslation("transparency");
  const field = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [status, setStatus] = useState("");
  useEffect(() => setCanCopy(typeof navigator.clipboard?.writeText === "function"), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(command);
      setStatus(t("cli.copied"));
    } catch {
      field.current?.select();
      setStatus(t("cli.copyFailed"));
    }
  };
  return (
    <section className="verify-cli" aria-labelledby="verify-cli-title">
      <h2 id="verify-cli-title">{t("cli.title")}</h2>
      <p>{t("cli.body")}</p>
      <label htmlFor="verify-command">{t("cli.label")}</label>
      <div className="share-copy-row">
        <input id="verify-command" className="share-link-field" readOnly value={command} dir="ltr" spellCheck={false} onFocus={(e) => e.currentTarget.select()} ref={field} />
        <button type="button" hidden={!canCopy} onClick={copy}>
          {t("cli.copy")}
        </button>
      </div>
      <p className="share-copy-status" role="status">
        {status}
      </p>
      <p className="hint">
        <WithFlags text={t("cli.receipt")} />
      </p>
    </section>
  );
}
