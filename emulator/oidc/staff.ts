/** Demo staff for the OIDC issuer's pick page (the emulator's stand-in for a university IdP). */
export interface StaffPerson {
  sub: string;
  name: string;
  email: string;
  note: string;
}

export const DEMO_STAFF: readonly StaffPerson[] = [
  { sub: "staff-ada-admin", name: "Alan Admin", email: "alan.admin@uni.example", note: "in ADMIN_EMAILS for demo and tests" },
  { sub: "staff-rosa", name: "Rosa Researcher", email: "rosa.researcher@uni.example", note: "made a researcher by an admin" },
  { sub: "staff-rita", name: "Rita Colleague", email: "rita.colleague@uni.example", note: "a second researcher" },
  { sub: "staff-sam", name: "Sam Staff", email: "sam.staff@uni.example", note: "staff with no role yet" },
];

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

export const DEFAULT_OIDC_CLIENT: OidcClient = {
  clientId: "nightly-staff",
  clientSecret: "nightly-staff-secret",
  redirectUris: ["http://localhost:3000/api/auth/callback/oidc"],
};
