/** What went wrong (a refused camera, a failed publish), each as an alert. */
export function Problems({ errors }: { errors: readonly (Error | null)[] }) {
  return errors
    .filter((error) => error !== null)
    .map((error) => (
      <p role="alert" key={error.message}>
        {error.message}
      </p>
    ));
}
