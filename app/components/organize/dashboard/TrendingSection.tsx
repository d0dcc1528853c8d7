import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Table } from "~/components/organize/Table";
import { formatMoment, formatNumber } from "~/lib/i18n/format";

export interface TrendingSourceView {
  kind: "domain" | "address";
  /** What the form sends back: the domain, or the client-address hash (never the address). */
  key: string;
  label: string;
  since: string;
  signatures: number;
  confirmed: number;
  held: number;
  pending: number;
  decision: "hold" | "count" | null;
  decidedBy: string | null;
  decidedAt: string | null;
  trusted: boolean;
}

export interface TrendingHistoryView {
  id: string;
  label: string;
  kind: "domain" | "address";
  decision: "hold" | "count";
  by: string;
  note: string;
  at: string;
}

/**
 * The petition's trending sources: many signatures from one email domain or one
 * network in an hour. Each with since when, how many signed, confirmed (and
 * counted), held for review, still unconfirmed, and the rule in force; those who
 * moderate decide `count` (releases the held ones) or `hold` per source, with plain
 * forms. Then every decision taken.
 */
export function TrendingSection({
  lng,
  slug,
  csrf,
  moderates,
  defaultRule,
  sources,
  history,
  done,
}: {
  lng: string;
  slug: string;
  csrf: string;
  moderates: boolean;
  defaultRule: "hold" | "count";
  sources: TrendingSourceView[];
  history: TrendingHistoryView[];
  done: { decision: string; released: number } | null;
}) {
  const { t } = useTranslation("organize");
  const action = `/${lng}/organize/petitions/${slug}/trending`;
  return (
    <section aria-labelledby="trending">
      <h2 id="trending">{t("trending.title")}</h2>
      {done && (done.decision === "count" || done.decision === "hold") ? (
        <p role="status" className="note">
          {t(`trending.done.${done.decision}`, { number: formatNumber(lng, done.released) })}
        </p>
      ) : done ? (
        <p role="alert" className="field-error">
          {t(`trending.errors.${done.decision}`)}
        </p>
      ) : null}
      <p className="hint">{t("trending.explain", { rule: t(`trending.rules.${defaultRule}`) })}</p>
      {sources.length === 0 ? (
        <p>{t("trending.none")}</p>
      ) : (
        <>
          <p role="alert" className="note">
            {t("trending.alert", { number: formatNumber(lng, sources.length) })}
          </p>
          <Table
            region={{ labelledBy: "trending" }}
            columns={[t("trending.source"), t("trending.since"), t("trending.signatures"), t("trending.confirmed"), t("trending.held"), t("trending.pending"), t("trending.rule"), moderates ? t("trending.decide") : null]}
          >
            {sources.map((s) => (
              <tr key={`${s.kind}:${s.key}`}>
                <th scope="row">
                  <span className="hint">{t(`trending.kinds.${s.kind}`)}</span> <code>{s.label}</code>
                </th>
                <td>{formatMoment(lng, s.since)}</td>
                <td>{formatNumber(lng, s.signatures)}</td>
                <td>{formatNumber(lng, s.confirmed)}</td>
                <td>{formatNumber(lng, s.held)}</td>
                <td>{formatNumber(lng, s.pending)}</td>
                <td>
                  {s.trusted
                    ? t("trending.trusted")
                    : s.decision
                      ? t("trending.decided", { rule: t(`trending.rules.${s.decision}`), by: s.decidedBy, at: formatMoment(lng, s.decidedAt!) })
                      : t("trending.undecided", { rule: t(`trending.rules.${defaultRule}`) })}
                </td>
                {moderates ? (
                  <td>
                    {s.trusted ? null : (
                      <Form method="post" action={action}>
                        <input type="hidden" name="csrf" value={csrf} />
                        <input type="hidden" name="kind" value={s.kind} />
                        <input type="hidden" name="key" value={s.key} />
                        <label htmlFor={`note-${s.kind}-${s.label}`}>{t("trending.note")}</label>{" "}
                        <input id={`note-${s.kind}-${s.label}`} name="note" maxLength={500} />{" "}
                        <button type="submit" name="decision" value="count" aria-label={t("trending.countOne", { source: s.label })}>
                          {t("trending.count")}
                        </button>{" "}
                        <button type="submit" name="decision" value="hold" aria-label={t("trending.holdOne", { source: s.label })}>
                          {t("trending.hold")}
                        </button>
                      </Form>
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </Table>
          <p className="hint">{t("trending.holdFromNow")}</p>
        </>
      )}
      {history.length > 0 ? (
        <>
          <h3>{t("trending.history")}</h3>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {t("trending.historyLine", { at: formatMoment(lng, h.at), by: h.by, rule: t(`trending.rules.${h.decision}`), source: h.label })}
                {h.note ? ` — ${h.note}` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
