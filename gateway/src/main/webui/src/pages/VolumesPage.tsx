export function VolumesPage() {
  return <h1>Volumes</h1>;
}
