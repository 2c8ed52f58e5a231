import Link from "next/link";
import type { ComponentProps } from "react";

/**
 * A link to another Daybook page that is not prefetched. Every page is rendered per request, so Next's viewport
 * prefetch of each visible link asks the server for two renders of its route tree per link and page view (22 on a
 * step page, 7 times the page's own CPU), and a click still waits for the full render (docs/PERFORMANCE.md).
 */
export function PageLink(props: ComponentProps<typeof Link>) {
  return <Link prefetch={false} {...props} />;
}
