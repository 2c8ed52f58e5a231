import { NextResponse, type NextRequest } from "next/server";
import { getActor } from "@/lib/auth/session";
import { homeOf } from "@/components/layout/home";

// A plain HTTP redirect rather than a page: a page would paint the app's empty frame before moving on.
export async function GET(request: NextRequest) {
  const actor = await getActor();
  return NextResponse.redirect(new URL(actor ? homeOf(actor.role).href : "/login", request.url), 307);
}
