import { randomBytes } from "node:crypto";

/** A fresh referral code for a signature or a letter: 8 URL-safe characters, 48 random bits. */
export const newReferralCode = () => randomBytes(6).toString("base64url");
