import { notFound } from "next/navigation";

// Any address no other route claims: answered inside the app's layout, so the 404 keeps the header and navigation.
export default function UnknownPage() {
  notFound();
}
