/** `<option>`s for a list of values shown as they are (modes, providers, ratings). */
export function Options({ values }: { values: readonly (string | number)[] }) {
  return (
    <>
      {values.map((value) => (
        <option key={value} value={value}>
          {value}
        </option>
      ))}
    </>
  );
}

/** A form's error line: read out at once by screen readers, found by QA as role `alert`. */
export function AlertLine({ error }: { error: string | null }) {
  if (error === null) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}
