import { useId } from "react";

type Props = React.InputHTMLAttributes<HTMLInputElement> & { label: string; errors?: string[]; hint?: string };

export function FormField({ label, errors, hint, ...input }: Props) {
  const id = useId();
  const describedBy = errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-100 aria-[invalid]:border-rose-400"
        {...input}
      />
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-rose-700">
          {errors[0]}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
