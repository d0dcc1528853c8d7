import { useTranslation } from "react-i18next";
import { personalShare } from "~/modules/letter/letter-template";

/**
 * With JavaScript: how much of the letter is the sender's own, as they type.
 * Recipients read personal letters; copies of the template are at best counted.
 */
export function PersonalMeter({ letter, template }: { letter: string; template: string }) {
  const { t } = useTranslation("letters");
  const percent = Math.round(personalShare(letter, template) * 100);
  return (
    <p className="personal-meter" aria-live="polite">
      <label htmlFor="personal-meter">{t("compose.meter", { percent })}</label>
      <meter id="personal-meter" min={0} max={100} low={20} high={50} optimum={100} value={percent} />
    </p>
  );
}
