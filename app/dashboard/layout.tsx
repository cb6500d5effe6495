import { Suspense, type ReactNode } from "react";
import { SubNav } from "@/components/dashboard/sub-nav";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="dashboard">
      <Suspense fallback={<nav className="sub-nav" aria-label="Dashboard" />}>
        <SubNav />
      </Suspense>
      {children}
    </div>
  );
}
