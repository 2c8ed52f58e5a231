"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";

type Result<T> = { ok: boolean; message?: string; fieldErrors?: Record<string, string[] | undefined>; data?: T };

/** A server action from a button or small form: its refusal becomes the error to show, success refreshes the page. */
export function useRefreshAction<I, T>(action: (input: I) => Promise<Result<T>>, fallback: string) {
  const router = useRouter();
  return useMutation({
    mutationFn: async (input: I) => {
      const result = await action(input);
      if (!result.ok) throw new Error(Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.message ?? fallback);
      return result.data as T;
    },
    onSuccess: () => router.refresh(),
  });
}
