export function ExclusionsPage() {
  return <h1>Exclusions</h1>;
}
