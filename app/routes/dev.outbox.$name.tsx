import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatMoment } from "~/lib/i18n/format";
import { readLocalMail } from "~/lib/mail/local-outbox.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const mail = context.localOutbox ? readLocalMail(context.config.mail.outboxDir, params.name ?? "") : null;
  if (!mail) throw new Response(null, { status: 404, statusText: "Not Found" });
  return { mail };
}

/** Plain text with its links made clickable: the way to follow a confirmation link locally. */
function TextWithLinks({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <pre className="mail-text">
      {parts.map((part, index) =>
        /^https?:\/\//.test(part) ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </pre>
  );
}

export default function LocalMailPage() {
  const { mail } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <article>
      <p className="breadcrumb">
        <Link to="/dev/outbox">{t("devOutbox.title")}</Link>
      </p>
      <h1>{mail.subject}</h1>
      <dl className="mail-headers">
        <dt>{t("devOutbox.from")}</dt>
        <dd>{mail.from}</dd>
        <dt>{t("devOutbox.to")}</dt>
        <dd>{mail.to}</dd>
        {mail.replyTo ? (
          <>
            <dt>{t("devOutbox.replyTo")}</dt>
            <dd data-testid="reply-to">{mail.replyTo}</dd>
          </>
        ) : null}
        <dt>{t("devOutbox.date")}</dt>
        <dd><time dateTime={mail.date} suppressHydrationWarning>
                  {formatMoment(i18n.language, mail.date)}
                </time></dd>
      </dl>
      <TextWithLinks text={mail.text} />
    </article>
  );
}
