// The levels below the gazetteer: building (号楼/栋/幢/座), unit (单元) and room (室/房/户), read
// from the text after the place names. They do not route; they travel with the decision so the
// station sees at a glance which door the order is about.

export interface AddressDetails {
  building?: string;
  unit?: string;
  room?: string;
}

const numeral = '[0-9一二三四五六七八九十百零〇甲乙丙丁a-z-]+';
const building = new RegExp(`(?:新)?(${numeral})(?:号楼|栋|幢|座|号院|楼)`, 'u');
const unit = new RegExp(`(${numeral})单元`, 'u');
const room = new RegExp(`(${numeral})(?:室|房|户|号房)`, 'u');

/** Reads building, unit and room from the part of the text after the last place name. */
export function addressDetails(rest: string): AddressDetails {
  const out: AddressDetails = {};
  const b = building.exec(rest);
  if (b?.[1]) out.building = b[0];
  const u = unit.exec(rest);
  if (u?.[1]) out.unit = u[0];
  const r = room.exec(rest.slice(u ? u.index + u[0].length : b ? b.index + b[0].length : 0));
  if (r?.[1]) out.room = r[0];
  return out;
}
