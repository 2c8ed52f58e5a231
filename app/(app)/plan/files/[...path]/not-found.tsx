import { NotFoundPage } from "@/components/layout/not-found-page";

export default function PackFileNotFound() {
  return <NotFoundPage message="That file is not in the course pack. The index lists every file and folder it has." links={[{ href: "/plan/files", label: "Course pack index" }]} />;
}
