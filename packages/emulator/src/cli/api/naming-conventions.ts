// The twilio CLI's naming rules (twilio-cli-core's naming-conventions), so that flags, topics and output
// properties are spelled as Twilio's own CLI spells them.

/** `RoomSid` → `room-sid`, `CompositionHooks` → `composition-hooks`, `date_created` → `date-created`. */
export function kebabCase(input: string): string {
  return input
    .trim()
    .replace(/[ _]/g, '-')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .replace(/(\d[A-Z]*)([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** `date_created` → `dateCreated`, `AccountSid` → `accountSid`: how response fields and properties are named. */
export function camelCase(input: string): string {
  return input
    .trim()
    .replace(/^[-_]+|[-_]+$/g, '')
    .replace(/^[A-Z]/, (first) => first.toLowerCase())
    .replace(/\.[A-Z]/g, (dotted) => dotted.toLowerCase())
    .replace(/[A-Z]{2,}/g, (capitals) => capitals.toLowerCase())
    .replace(/[-_ ]([a-z])/g, (separated) => separated.charAt(1).toUpperCase())
    .replace(/ /g, '');
}
