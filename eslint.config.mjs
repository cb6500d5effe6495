import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  { ignores: [".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // An AuthorizedSubject comes only out of lib/authz's checks: nobody else may stamp or cast one.
    ignores: ["lib/authz/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@/lib/authz/subject", importNames: ["brandSubject"], message: "Authorize through lib/authz/authorize.ts instead." }] },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "TSAsExpression > TSTypeReference[typeName.name=/^Authorized(Subject|Study)$/]", message: "Authorized subjects come from lib/authz, never from a cast." },
      ],
    },
  },
];
export default config;
