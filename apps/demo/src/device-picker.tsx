/** A picker of cameras (or microphones), shown only when there is a choice to make. */
export function DevicePicker({
  label,
  devices,
  value,
  onChange,
}: {
  label: string;
  devices: readonly MediaDeviceInfo[];
  value: string | undefined;
  onChange: (deviceId: string) => void;
}) {
  if (devices.length < 2) return null;
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      {devices.map((device) => (
        <option key={device.deviceId} value={device.deviceId}>
          {device.label || device.deviceId}
        </option>
      ))}
    </select>
  );
}
