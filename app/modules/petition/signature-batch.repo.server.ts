import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { signatureBuckets, type FirstSignature, type FirstSignatureResult } from "./petition.repo.server";

/**
 * Several signatures in one statement (group commit, signature-writer.server.ts), with
 * exactly the outcome `insertFirstSignature` gives each of them when they run one after
 * the other in the batch's order, at the same instant: the same rate-limit counters, the
 * same verdict per signature (busy, suspect, trending), rows, confirmation mails and noted
 * repeats. All or nothing.
 *
 * The batch must hold each (petition, email key) at most once (the writer defers a second
 * one to the next batch). Rate-limit rows shared by several members are counted once per
 * bucket (`on conflict do update` may touch a row once per statement); each member then
 * sees the count it would have seen in its turn: the new total, less the members after it.
 * Counters and signatures are written in key order, so two processes' batches lock rows in
 * the same order.
 */
export async function insertSignatureBatch(db: Kysely<Database>, batch: readonly FirstSignature[]): Promise<FirstSignatureResult[]> {
  const members = batch.map((s, ord) => {
    const { minuteBucket, hourBucket, domainBucket } = signatureBuckets(s);
    return {
      ord,
      petition_id: s.petitionId,
      name: s.name,
      email: s.email,
      email_key: s.emailKey,
      country_code: s.countryCode,
      comment: s.comment,
      show_name: s.showName,
      mail_consent: s.mailConsent,
      language: s.language,
      referral_code: s.referralCode,
      referred_by: s.referredBy,
      ip_hash: s.ipHash,
      partner_id: s.partner.partnerId,
      partner_consent: s.partner.consent,
      reason: s.knownSuspicion,
      minute_bucket: minuteBucket,
      hour_bucket: hourBucket,
      domain_bucket: domainBucket,
      flood_domain: s.floodDomain,
      per_minute: s.limits.perMinute,
      per_hour: s.limits.perHour,
      per_domain: s.limits.perDomainPerHour,
      petition_title: s.mail.petitionTitle,
      mail: s.mail,
    };
  });
  const result = await sql<{ ord: number; live: boolean; busy: boolean; id: string | null }>`
    with members as (
      select * from jsonb_to_recordset(${JSON.stringify(members)}::text::jsonb) as m(
        ord integer, petition_id integer, name text, email text, email_key text, country_code text, comment text,
        show_name boolean, mail_consent boolean, language text, referral_code text, referred_by text, ip_hash text,
        partner_id integer, partner_consent boolean, reason text, minute_bucket text, hour_bucket text, domain_bucket text,
        flood_domain text, per_minute integer, per_hour integer, per_domain integer, petition_title text, mail jsonb
      )
    ),
    member_windows as (
      select m.ord, w.bucket, w.window_start, w.keep
      from members m cross join lateral (
        select m.minute_bucket as bucket, to_timestamp(floor(extract(epoch from now()) / 60) * 60) as window_start, interval '2 minutes' as keep
        union all
        select m.hour_bucket, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), interval '2 hours'
        union all
        select m.domain_bucket, to_timestamp(floor(extract(epoch from now()) / 3600) * 3600), interval '2 hours'
        where m.domain_bucket is not null and not exists (select 1 from trusted_domains where domain = m.flood_domain)
      ) w
    ),
    hits as (
      insert into rate_limit_hits (bucket, window_start, hits, expires_at)
      select bucket, window_start, count(*), window_start + keep from member_windows
      group by bucket, window_start, keep
      order by bucket, window_start
      on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + excluded.hits
      returning bucket, window_start, hits
    ),
    seen as (
      select w.ord, w.bucket,
        h.hits - count(*) over (partition by w.bucket, w.window_start)
          + row_number() over (partition by w.bucket, w.window_start order by w.ord) as hits
      from member_windows w join hits h on h.bucket = w.bucket and h.window_start = w.window_start
    ),
    verdict as (
      select m.*,
        exists (select 1 from petitions p where p.id = m.petition_id and p.status = 'live') as live,
        exists (select 1 from seen s where s.ord = m.ord and s.bucket = m.minute_bucket and s.hits > m.per_minute) as busy,
        case
          when exists (select 1 from seen s where s.ord = m.ord and s.bucket = m.hour_bucket and s.hits > m.per_hour) then 'address'
          when exists (select 1 from seen s where s.ord = m.ord and s.bucket = m.domain_bucket and s.hits > m.per_domain) then 'domain'
        end as trending
      from members m
    ),
    inserted as (
      insert into signatures (
        petition_id, status, suspect_reason, name, email, email_key, country_code, comment, show_name, mail_consent,
        language, referral_code, referred_by, ip_hash, confirmation_sent_at, confirmation_mails, partner_id, partner_consent, trending
      )
      select petition_id, case when reason is null then 'pending' else 'suspect' end, reason, name, email, email_key,
        country_code, comment, show_name, mail_consent, language, referral_code, referred_by, ip_hash,
        case when reason is null then now() end, case when reason is null then 1 else 0 end, partner_id, partner_consent, trending
      from verdict where live and not busy
      order by petition_id, email_key
      on conflict (petition_id, email_key) do nothing
      returning id, status, petition_id, email_key
    ),
    mail as (
      insert into outgoing_mails (recipient, template, template_data, language, idempotency_key)
      -- As signatureConfirmMail makes it for a first mail, with the new row's id.
      select v.email, 'signature-confirm', jsonb_build_object('signatureId', i.id::text) || v.mail, v.language, 'signature-confirm:' || i.id || ':1'
      from inserted i join verdict v on v.petition_id = i.petition_id and v.email_key = i.email_key
      where i.status = 'pending'
      order by v.ord
      returning id
    ),
    repeated as (
      insert into signature_repeats (
        signature_id, name, email, country_code, comment, show_name, mail_consent, language, referred_by, ip_hash, petition_title,
        partner_id, partner_consent
      )
      select earlier.id, v.name, v.email, v.country_code, v.comment, v.show_name, v.mail_consent, v.language,
        v.referred_by, v.ip_hash, v.petition_title, v.partner_id, v.partner_consent
      from verdict v join signatures earlier on earlier.petition_id = v.petition_id and earlier.email_key = v.email_key
      where v.live and not v.busy and v.reason is null
        and not exists (select 1 from inserted i where i.petition_id = v.petition_id and i.email_key = v.email_key)
      order by v.ord
      returning id
    )
    select v.ord, v.live, v.busy, i.id
    from verdict v left join inserted i on i.petition_id = v.petition_id and i.email_key = v.email_key
    order by v.ord
  `.execute(db);
  return batch.map((s, ord): FirstSignatureResult => {
    const row = result.rows[ord];
    if (!row || Number(row.ord) !== ord) throw new Error("a signature batch lost a member");
    if (!row.live) return { kind: "closed" };
    if (row.busy) return { kind: "busy" };
    return { kind: row.id !== null ? "inserted" : "repeated", referralCode: s.referralCode };
  });
}
