import type { ReactNode } from "react";
import { CampaignStatusBar } from "./CampaignStatusBar";
import { OrganizerPage } from "./OrganizerPage";

type Status = "draft" | "live" | "closed";

/**
 * A campaign's edit page: its status bar above its form. `loaded` is the edit
 * loader's data, `failed` a refused POST's; `form` draws the form with the
 * values to show (what was typed when refused) and the messages by field.
 */
export function CampaignEditPage<V>({
  title,
  path,
  loaded,
  failed,
  form,
}: {
  title: string;
  path: "petitions" | "letters";
  loaded: { lng: string; csrf: string; campaign: { slug: string; status: Status; values: V }; next: Status | null; missing: string[]; saved: boolean };
  failed: { errors: Record<string, string>; values: V | null } | undefined;
  form: (values: V, errors: Record<string, string>) => ReactNode;
}) {
  const { lng, csrf, campaign, next, missing, saved } = loaded;
  return (
    <OrganizerPage lng={lng} title={`${title}: ${campaign.slug}`}>
      <CampaignStatusBar
        csrf={csrf}
        status={campaign.status}
        next={next}
        publicPath={`/${lng}/${path}/${campaign.slug}`}
        dashboardPath={`/${lng}/organize/${path}/${campaign.slug}`}
        saved={saved}
        formError={failed?.errors.form}
        missing={missing}
      />
      {failed?.values ? form(failed.values, failed.errors) : form(campaign.values, {})}
    </OrganizerPage>
  );
}
