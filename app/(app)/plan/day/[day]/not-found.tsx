import { NotFoundPage } from "@/components/layout/not-found-page";

export default function DayNotFound() {
  return <NotFoundPage message="That day is not part of the plan: days run from 1 to 20." links={[{ href: "/plan/day/1", label: "Day 1" }]} />;
}
