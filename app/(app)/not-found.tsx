import { NotFoundPage } from "@/components/layout/not-found-page";

export default function NotFound() {
  return <NotFoundPage message="There is no page at this address. It may have moved, or the link has a typo." />;
}
