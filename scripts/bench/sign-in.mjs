// Signs a user in over HTTP, as the login form does, and returns the Cookie header for later requests.
export async function signIn(base, email, password = "daybook-demo") {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  // Keep the last cookie of each name: that is the one the JSON token belongs to.
  const cookies = [...new Map(csrf.headers.getSetCookie().map((c) => c.split(";")[0]).map((c) => [c.split("=")[0], c])).values()];
  const { csrfToken } = await csrf.json();
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0]).filter((c) => c.includes("session-token"));
  if (!session.length) throw new Error(`sign-in failed for ${email} (HTTP ${res.status})`);
  return [...cookies, ...session].join("; ");
}

/** The signed-in student's team id, read from a step page (the background refresh's route needs it). */
export async function teamIdOf(base, cookie) {
  const html = await (await fetch(`${base}/plan/step/d01-s1`, { headers: { cookie } })).text();
  const id = /\/api\/teams\/([a-z0-9]+)\/|teamId\\?":\\?"([a-z0-9]+)/.exec(html);
  if (!id) throw new Error("no team id on the step page: is this user a student in a team?");
  return id[1] ?? id[2];
}
