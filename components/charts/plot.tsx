"use client";

import dynamic from "next/dynamic";
import type { ReactNode } from "react";
import type { RechartsKit } from "./recharts-kit";

const PlotRenderer = dynamic(() => import("./recharts-kit"), {
  ssr: false,
  loading: () => <div className="plot-loading" aria-hidden="true" />,
});

/**
 * The drawing of a chart, given the recharts components to draw with. The figure around it
 * (title, description, legend, "Show table") renders on the server with the page; the drawing
 * follows once recharts has loaded, in a box that already has the chart's height.
 */
export function Plot({ render }: { render: (R: RechartsKit) => ReactNode }) {
  return <PlotRenderer render={render} />;
}
